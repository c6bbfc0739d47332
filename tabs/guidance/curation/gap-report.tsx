import { Button, Field, Input, makeStyles, mergeClasses, MessageBar, MessageBarBody, Spinner, Text, tokens, typographyStyles } from "@fluentui/react-components";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type JSX } from "react";
import type { ApiClient, ContentGapReport, ReportRange } from "../../shared";
import { useCurationStyles } from "./curation-styles";
import { saveDownload } from "./download-file";
import { useFailureMessage } from "./failure-message";
import { channelLabel, formatCount, formatDate, plural } from "./format";
import { checkRange, defaultRange } from "./report-range";
import { COUNT_COLUMNS, CountCells, CountHeaders, useReportTableStyles } from "./report-table";
import { RetryMessage } from "./retry-message";
import { WeeklyTrend } from "./weekly-trend";

const useStyles = makeStyles({
  range: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "flex-end" },
  dateField: { minWidth: 0, flexBasis: "10rem", flexGrow: 0, gridTemplateColumns: "minmax(0, 1fr)" },
  totals: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(8rem, 1fr))", gap: tokens.spacingHorizontalM, margin: 0 },
  total: {
    display: "flex",
    flexDirection: "column-reverse",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  totalLabel: { color: tokens.colorNeutralForeground2 },
  totalValue: { ...typographyStyles.title3, margin: 0 },
  table: {
    backgroundColor: tokens.colorNeutralBackground1,
    "& th, & td": { verticalAlign: "top" },
    "& thead th": { whiteSpace: "nowrap" },
  },
  query: { minWidth: "12rem", overflowWrap: "anywhere" },
});

/** Props of {@link GapReport}. */
export interface GapReportProps {
  readonly api: ApiClient;
  /** The host answered 403: the shell shows "not available to you" instead. */
  readonly onForbidden: () => void;
}

type Load =
  | { readonly kind: "loading" }
  | { readonly kind: "failed"; readonly message: string }
  | { readonly kind: "ready"; readonly report: ContentGapReport };

/**
 * The content-gap report: what staff asked that search could not answer, or answered poorly, in a date range
 * (default the last 28 days): totals, the weekly trend, the questions worst first, and a CSV download. Questions are
 * stored without who asked them.
 */
export function GapReport({ api, onForbidden }: GapReportProps): JSX.Element {
  const styles = useCurationStyles();
  const own = useStyles();
  const tables = useReportTableStyles();
  const gapsHeadingId = useId();
  const gapsNoteId = useId();
  const initial = useRef(defaultRange());
  const [from, setFrom] = useState(initial.current.from);
  const [to, setTo] = useState(initial.current.to);
  const [rangeProblems, setRangeProblems] = useState<{ from?: string; to?: string }>({});
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  const [download, setDownload] = useState<{ kind: "idle" | "busy" } | { kind: "done"; filename: string } | { kind: "failed"; message: string }>({ kind: "idle" });
  const inFlight = useRef<AbortController | undefined>(undefined);

  const messageOf = useFailureMessage(onForbidden);

  const fetchReport = useCallback(
    (range: ReportRange) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setLoad({ kind: "loading" });
      api.guidance.report.get(range, { signal: controller.signal }).then(
        (report) => {
          setLoad({ kind: "ready", report });
          // Show the range the host actually used (it may clamp it).
          setFrom(report.from);
          setTo(report.to);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          const message = messageOf(e, "The report could not be loaded. Try again.");
          if (message) setLoad({ kind: "failed", message });
        },
      );
    },
    [api, messageOf],
  );

  useEffect(() => {
    // The host's own default range: no dates sent, so the two clocks cannot disagree.
    fetchReport({});
    return () => inFlight.current?.abort();
  }, [fetchReport]);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const problems = checkRange(from, to);
    setRangeProblems(problems);
    if (problems.from || problems.to) return;
    setDownload({ kind: "idle" });
    fetchReport({ from, to });
  };

  const downloadCsv = async (): Promise<void> => {
    if (load.kind !== "ready") return;
    setDownload({ kind: "busy" });
    try {
      const file = await api.guidance.report.downloadCsv({ from: load.report.from, to: load.report.to });
      saveDownload(file);
      setDownload({ kind: "done", filename: file.filename });
    } catch (e) {
      const message = messageOf(e, "The CSV file could not be downloaded. Try again.");
      if (message) setDownload({ kind: "failed", message });
    }
  };

  return (
    <div className={styles.panel}>
      <h2 className={styles.heading}>Questions search could not answer</h2>
      <Text as="p" className={styles.muted}>
        What staff asked in the bot and the Guidance tab that had no good answer or was marked not helpful. Questions are
        recorded without who asked them.
      </Text>
      <form className={own.range} onSubmit={submit} noValidate aria-label="Report period">
        <Field className={own.dateField} label="From" validationMessage={rangeProblems.from}>
          <Input type="date" value={from} onChange={(_, data) => setFrom(data.value)} />
        </Field>
        <Field className={own.dateField} label="To" validationMessage={rangeProblems.to}>
          <Input type="date" value={to} onChange={(_, data) => setTo(data.value)} />
        </Field>
        <Button type="submit">Show report</Button>
      </form>
      {load.kind === "loading" && <Spinner size="small" label="Loading the report…" />}
      <div role="alert" className={styles.live}>
        {load.kind === "failed" && <RetryMessage message={load.message} onRetry={() => fetchReport({ from, to })} />}
      </div>
      <Text role="status" className={styles.live}>
        {load.kind === "ready"
          ? `Report for ${formatDate(load.report.from)} to ${formatDate(load.report.to)}: ${plural(load.report.totals.searches, "search", "searches")}, ${plural(load.report.gaps.length, "question")} to look at.`
          : ""}
      </Text>
      {load.kind === "ready" && (
        <>
          <h3 className={styles.subheading}>Totals</h3>
          <dl className={own.totals}>
            {COUNT_COLUMNS.map(([key, label]) => (
              <div key={label} className={own.total}>
                <dt className={own.totalLabel}>{label}</dt>
                <dd className={own.totalValue}>{formatCount(load.report.totals[key])}</dd>
              </div>
            ))}
          </dl>
          <WeeklyTrend weeks={load.report.weeks} headingClassName={styles.subheading} />
          <h3 id={gapsHeadingId} className={styles.subheading}>
            Questions to look at
          </h3>
          <Text as="p" id={gapsNoteId} className={styles.muted}>
            Worst first: questions with no answer or poor feedback, grouped when they differ only in small ways.
          </Text>
          <div className={styles.actions}>
            <Button disabledFocusable={download.kind === "busy"} onClick={() => void downloadCsv()}>
              {download.kind === "busy" ? "Preparing the CSV…" : "Download CSV"}
            </Button>
            <Text role="status" className={styles.live}>
              {download.kind === "done" ? `Downloaded ${download.filename}` : ""}
            </Text>
          </div>
          <div role="alert" className={styles.live}>
            {download.kind === "failed" && (
              <MessageBar intent="error">
                <MessageBarBody>{download.message}</MessageBarBody>
              </MessageBar>
            )}
          </div>
          {load.report.gaps.length === 0 ? (
            <Text as="p" className={styles.text}>No questions without a good answer in this period.</Text>
          ) : (
            // A table wider than a phone scrolls inside its own focusable region; its title and note stay outside it, so they wrap.
            <div className={tables.scroller} role="region" aria-labelledby={gapsHeadingId} tabIndex={0}>
              <table className={mergeClasses(tables.table, own.table)} aria-labelledby={gapsHeadingId} aria-describedby={gapsNoteId}>
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <CountHeaders />
                    <th scope="col">Last asked</th>
                    <th scope="col">Asked in</th>
                  </tr>
                </thead>
                <tbody>
                  {load.report.gaps.map((gap) => (
                    <tr key={gap.query}>
                      <th scope="row" className={own.query}>
                        {gap.query}
                      </th>
                      <CountCells counts={gap} />
                      <td>{formatDate(gap.lastAsked)}</td>
                      <td>{gap.channels.map(channelLabel).join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
