/** A button of a status message. */
export interface StatusAction {
  label: string;
  onClick: () => void;
  primary?: boolean;
}

/** A message that stands in for the survey: loading, an error, the thank-you. */
export interface Status {
  tone: 'info' | 'error' | 'success';
  title?: string;
  paragraphs?: string[];
  /** Shown as a bulleted list below the paragraphs (e.g. the questions to correct). */
  list?: string[];
  /** A quieter line after the list, e.g. that the answers are kept. */
  note?: string;
  actions?: StatusAction[];
  busy?: boolean;
}

/**
 * Renders a status message into its element, replacing the previous one. Text only: the
 * server's messages never reach the page as HTML.
 */
export function renderStatus(element: HTMLElement, status: Status): void {
  const box = el('div', `status-box status-${status.tone}`);
  if (status.tone === 'success') box.append(el('div', 'status-icon', '✓'));
  if (status.busy) box.append(el('div', 'status-spinner'));
  if (status.title) box.append(el('h1', 'status-title', status.title));
  for (const text of status.paragraphs ?? []) box.append(el('p', 'status-text', text));
  if (status.list?.length) {
    const list = el('ul', 'status-list');
    for (const item of status.list) list.append(el('li', '', item));
    box.append(list);
  }
  if (status.note) box.append(el('p', 'status-note', status.note));
  if (status.actions?.length) {
    const actions = el('div', 'status-actions');
    for (const action of status.actions) {
      const button = el('button', action.primary ? 'status-button primary' : 'status-button');
      button.type = 'button';
      button.textContent = action.label;
      button.addEventListener('click', action.onClick, { once: true });
      actions.append(button);
    }
    box.append(actions);
  }
  element.setAttribute('role', status.tone === 'error' ? 'alert' : 'status');
  element.replaceChildren(box);
  element.hidden = false;
}

/** Hides the status message. */
export function hideStatus(element: HTMLElement): void {
  element.hidden = true;
  element.replaceChildren();
}

/** An element with a class and, optionally, text. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
