import { burdenView } from './burdenView.ts';
import { commentsView } from './commentsView.ts';
import { heatmapView } from './heatmapView.ts';
import { liveView } from './liveView.ts';
import { overviewView } from './overviewView.ts';
import { profileView } from './profileView.ts';
import { responseRatesView } from './responseRatesView.ts';
import { streetsView } from './streetsView.ts';
import { twoWayView } from './twoWayView.ts';
import { yearOverYearView } from './yearOverYearView.ts';
import type { DashboardView } from './ViewContext.ts';

export type { DashboardView };

/**
 * The tabs of the leadership dashboard, in order; each is reached at `#<id>`. A new view is a
 * file in this folder appended here. The first view that needs no sign-in is what a visitor
 * who is not signed in sees first; a signed-in reader starts on the first view.
 */
export const dashboardViews: DashboardView[] = [
  overviewView,
  streetsView,
  twoWayView,
  burdenView,
  yearOverYearView,
  heatmapView,
  responseRatesView,
  profileView,
  commentsView,
  liveView,
];
