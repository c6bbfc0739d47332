import type { LoggedSearchRow } from "../search-log/search-log";
import { addDays, weekStartOf } from "../../shared/calendar-day";
import { questionKey } from "./question-key";

/** Most gaps a report lists: the worst hundred are a work list; the rest is noise. */
export const MAX_REPORT_GAPS = 100;

/** How search did for a set of questions. */
export interface GapCounts {
  readonly searches: number;
  readonly noAnswer: number;
  readonly notHelpful: number;
  readonly helpful: number;
}

/** One ISO week (Monday start) of the report. */
export interface ContentGapWeek extends GapCounts {
  readonly weekStart: string;
}

/** One question (grouped by its normalised form) that search answers badly. */
export interface ContentGap extends GapCounts {
  /** The wording staff used most often for it. */
  readonly query: string;
  /** The last calendar day it was asked or rated. */
  readonly lastAsked: string;
  readonly channels: readonly string[];
}

/** The comms team's content-gap report for a date range. */
export interface ContentGapReport {
  readonly from: string;
  readonly to: string;
  readonly totals: GapCounts;
  readonly weeks: readonly ContentGapWeek[];
  readonly gaps: readonly ContentGap[];
}

/** A "Was this helpful?" answer, dated by calendar day. */
export interface DatedFeedback {
  readonly query: string;
  readonly helpful: boolean;
  readonly channel: string;
  readonly day: string;
}

interface Tally {
  searches: number;
  noAnswer: number;
  notHelpful: number;
  helpful: number;
}

interface Group extends Tally {
  readonly wordings: Map<string, number>;
  readonly channels: Set<string>;
  lastAsked: string;
}

/**
 * Builds the report from logged searches and feedback already limited to [from, to]. Questions are grouped by
 * {@link questionKey}; a group is a gap when it had a "no answer" or a "not helpful"; worst first (most of those two
 * together, then most searched, then most recent). Weeks cover the whole range, empty ones included, so a trend
 * chart has no holes.
 */
export function buildContentGapReport(from: string, to: string, searches: readonly LoggedSearchRow[], feedback: readonly DatedFeedback[]): ContentGapReport {
  const totals = emptyTally();
  const weeks = new Map<string, Tally>();
  for (let week = weekStartOf(from); week <= to; week = addDays(week, 7)) weeks.set(week, emptyTally());
  const groups = new Map<string, Group>();
  const groupOf = (query: string, channel: string, day: string): Group => {
    const key = questionKey(query);
    let group = groups.get(key);
    if (!group) {
      group = { ...emptyTally(), wordings: new Map(), channels: new Set(), lastAsked: day };
      groups.set(key, group);
    }
    const wording = query.replace(/\s+/g, " ").trim().toLowerCase();
    group.wordings.set(wording, (group.wordings.get(wording) ?? 0) + 1);
    group.channels.add(channel);
    if (day > group.lastAsked) group.lastAsked = day;
    return group;
  };
  for (const search of searches) {
    const tallies = [totals, weeks.get(weekStartOf(search.day)), groupOf(search.query, search.channel, search.day)];
    for (const tally of tallies) {
      if (!tally) continue;
      tally.searches++;
      if (search.noAnswer) tally.noAnswer++;
    }
  }
  for (const answer of feedback) {
    const tallies = [totals, weeks.get(weekStartOf(answer.day)), groupOf(answer.query, answer.channel, answer.day)];
    for (const tally of tallies) {
      if (!tally) continue;
      if (answer.helpful) tally.helpful++;
      else tally.notHelpful++;
    }
  }
  const gaps = [...groups.values()]
    .filter((g) => g.noAnswer + g.notHelpful > 0)
    .map((g) => ({ group: g, query: mostUsedWording(g.wordings) }))
    .sort(
      (a, b) =>
        b.group.noAnswer + b.group.notHelpful - (a.group.noAnswer + a.group.notHelpful) ||
        b.group.searches - a.group.searches ||
        b.group.lastAsked.localeCompare(a.group.lastAsked) ||
        a.query.localeCompare(b.query),
    )
    .slice(0, MAX_REPORT_GAPS)
    .map(({ group, query }) => ({ query, ...countsOf(group), lastAsked: group.lastAsked, channels: [...group.channels].sort() }));
  return {
    from,
    to,
    totals: countsOf(totals),
    weeks: [...weeks.entries()].map(([weekStart, tally]) => ({ weekStart, ...countsOf(tally) })),
    gaps,
  };
}

function emptyTally(): Tally {
  return { searches: 0, noAnswer: 0, notHelpful: 0, helpful: 0 };
}

function countsOf(tally: Tally): GapCounts {
  return { searches: tally.searches, noAnswer: tally.noAnswer, notHelpful: tally.notHelpful, helpful: tally.helpful };
}

/** The most frequent wording; ties go to the shorter, then the alphabetically first, so the report is stable. */
function mostUsedWording(wordings: ReadonlyMap<string, number>): string {
  let best = "";
  let bestCount = -1;
  for (const [wording, count] of wordings) {
    if (count > bestCount || (count === bestCount && (wording.length < best.length || (wording.length === best.length && wording < best)))) {
      best = wording;
      bestCount = count;
    }
  }
  return best;
}
