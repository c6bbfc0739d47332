import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

/** Layout shared by the Manage search views, so the three read as one tool. */
export const useCurationStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, paddingBlockStart: tokens.spacingVerticalL },
  heading: { ...typographyStyles.subtitle1, margin: 0 },
  subheading: { ...typographyStyles.subtitle2, margin: 0, ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" } },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
  text: { margin: 0 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    "@media (max-width: 480px)": { paddingInline: tokens.spacingHorizontalM },
  },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    minWidth: 0,
    "@media (max-width: 480px)": { paddingInline: tokens.spacingHorizontalM },
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // Fields fill the form but never push it wider than the screen.
  field: { minWidth: 0, gridTemplateColumns: "minmax(0, 1fr)" },
  filter: { maxWidth: "24rem", width: "100%" },
  more: { alignSelf: "flex-start" },
  // Live regions that are usually empty: no margin of their own, so an empty one takes no space.
  live: { "&:empty": { display: "none" } },
});
