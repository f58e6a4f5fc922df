/**
 * A resident's answers kept on the phone until the server acknowledges them, one per community:
 * a reload, a dead battery or a failed submission loses nothing.
 */
export interface Draft {
  /** Made once per filled form; every retry of this form sends it again. */
  submissionId: string;
  startedAt: string;
  /** The survey's title when the draft began: a draft of another campaign's form is dropped. */
  surveyTitle: string;
  answers: Record<string, unknown>;
  pageNo: number;
  /** The resident completed the form; it awaits the server's acknowledgement. */
  completed: boolean;
}

/** A fresh draft for a form the resident is about to fill. */
export function newDraft(surveyTitle: string, now = new Date()): Draft {
  return {
    submissionId: newSubmissionId(),
    startedAt: now.toISOString(),
    surveyTitle,
    answers: {},
    pageNo: 0,
    completed: false,
  };
}

/** The kept draft of a community's form, or null (none, unreadable, or storage unavailable). */
export function loadDraft(community: string): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(community));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<Draft>;
    const valid =
      typeof draft.submissionId === 'string' &&
      typeof draft.startedAt === 'string' &&
      typeof draft.surveyTitle === 'string' &&
      draft.answers !== null &&
      typeof draft.answers === 'object' &&
      typeof draft.pageNo === 'number' &&
      typeof draft.completed === 'boolean';
    return valid ? (draft as Draft) : null;
  } catch {
    return null;
  }
}

/** Keeps a draft; a full or disabled storage only costs the safety net, never the form. */
export function saveDraft(community: string, draft: Draft): void {
  try {
    localStorage.setItem(draftKey(community), JSON.stringify(draft));
  } catch {
    // private browsing or a full quota: the form still works, it just is not kept
  }
}

/** Forgets a community's draft (after the server acknowledged it). */
export function clearDraft(community: string): void {
  try {
    localStorage.removeItem(draftKey(community));
  } catch {
    // storage unavailable: nothing was kept
  }
}

/** The storage key of a community's draft. */
export function draftKey(community: string): string {
  return `manyi.resident-draft.${community}`;
}

/**
 * A random submission id of 22 characters [A-Za-z0-9_-]. `crypto.randomUUID` exists only in
 * secure contexts, and the page may be opened over plain http on a local network.
 */
function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
