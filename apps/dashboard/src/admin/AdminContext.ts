import type { Campaign, SessionUser } from './adminApi.ts';

/** What every evaluator page is given: who is signed in, the years, and the status line. */
export interface AdminContext {
  user: SessionUser;
  /** Every campaign year, newest first. */
  campaigns: Campaign[];
  /** The year chosen in the picker (0 when there is none). */
  year: number;
  notify(message: string, kind?: 'info' | 'error'): void;
  /** Fetches the campaigns again, after a change of state. */
  reloadCampaigns(): Promise<void>;
}
