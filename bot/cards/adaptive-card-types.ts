/**
 * The small, typed subset of the Adaptive Card 1.5 schema that Council Hub's cards use
 * (https://adaptivecards.io/explorer/). Typed here, rather than `any`, so a misspelt property fails to compile
 * and tests can walk a card's elements and actions without casts.
 */

/** The schema version every card declares: the highest Teams renders on desktop, web and mobile. */
export const ADAPTIVE_CARD_VERSION = "1.5";
/** JSON schema URL, so editors and the Adaptive Cards designer validate a pasted card. */
export const ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
/** MIME type of an Adaptive Card attachment. */
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/** Space above an element. */
export type Spacing = "none" | "small" | "default" | "medium" | "large" | "extraLarge";

/** A JSON value, for `Action.Submit` data: whatever it holds comes back to the bot as `activity.value`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Text. `text` is Adaptive Card Markdown (bold, italic, lists, links), so user-typed text must be escaped. */
export interface TextBlock {
  readonly type: "TextBlock";
  readonly text: string;
  readonly wrap?: boolean;
  readonly size?: "small" | "default" | "medium" | "large" | "extraLarge";
  readonly weight?: "lighter" | "default" | "bolder";
  /** "heading" makes screen readers announce the block as a heading (1.5). */
  readonly style?: "default" | "heading";
  readonly isSubtle?: boolean;
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

/** An image. `altText` is required here (optional in the schema) so no image is ever silent to a screen reader. */
export interface ImageElement {
  readonly type: "Image";
  readonly url: string;
  readonly altText: string;
  readonly size?: "auto" | "stretch" | "small" | "medium" | "large";
}

/** One label/value row of a FactSet. */
export interface Fact {
  readonly title: string;
  readonly value: string;
}

/** Label/value pairs, read by screen readers as a table. */
export interface FactSet {
  readonly type: "FactSet";
  readonly facts: readonly Fact[];
}

/** Groups elements (one search result), optionally with a separator line above. */
export interface Container {
  readonly type: "Container";
  readonly items: readonly CardElement[];
  readonly spacing?: Spacing;
  readonly separator?: boolean;
}

/** Buttons placed inside the body, next to what they act on. */
export interface ActionSet {
  readonly type: "ActionSet";
  readonly actions: readonly CardAction[];
  readonly spacing?: Spacing;
}

/** Any body element Council Hub uses. */
export type CardElement = TextBlock | ImageElement | FactSet | Container | ActionSet;

/** Opens a link. `tooltip` is read by narration software, so repeated titles ("Open page") still make sense. */
export interface OpenUrlAction {
  readonly type: "Action.OpenUrl";
  readonly title: string;
  readonly url: string;
  readonly tooltip?: string;
}

/**
 * Teams-only extras on `Action.Submit` data. `imBack` posts `value` into the chat as if the user typed it;
 * `messageBack` shows `displayText` in the chat and sends `value` to the bot.
 */
export type MsTeamsSubmit =
  | { readonly type: "imBack"; readonly value: string }
  | { readonly type: "messageBack"; readonly displayText: string; readonly value: { readonly [key: string]: JsonValue } };

/** Data on a submit button: our payload plus, optionally, the Teams `msteams` extras. */
export type SubmitData = { readonly [key: string]: JsonValue | MsTeamsSubmit | undefined } & { readonly msteams?: MsTeamsSubmit };

/** Sends `data` back to the bot as a message whose `value` is the data. */
export interface SubmitAction {
  readonly type: "Action.Submit";
  readonly title: string;
  readonly data: SubmitData;
  readonly tooltip?: string;
}

/** Any action Council Hub uses. */
export type CardAction = OpenUrlAction | SubmitAction;

/** A whole card. `speak` and `fallbackText` are required here so every card has a spoken and a plain-text form. */
export interface AdaptiveCard {
  readonly type: "AdaptiveCard";
  readonly $schema: typeof ADAPTIVE_CARD_SCHEMA;
  readonly version: typeof ADAPTIVE_CARD_VERSION;
  /** Language of the card's text, so screen readers pick the right voice. */
  readonly lang: "en";
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardAction[];
  /** Plain-text spoken summary. */
  readonly speak: string;
  /** Shown by clients that cannot render Adaptive Cards. */
  readonly fallbackText: string;
}

/** The fields every card shares (type, schema, version, language): spread into each card so they live in one place. */
export const CARD_ENVELOPE = {
  type: "AdaptiveCard",
  $schema: ADAPTIVE_CARD_SCHEMA,
  version: ADAPTIVE_CARD_VERSION,
  lang: "en",
} as const satisfies Pick<AdaptiveCard, "type" | "$schema" | "version" | "lang">;

/** A card's title, marked as a heading so screen readers can navigate by it. */
export function cardHeading(text: string): TextBlock {
  return { type: "TextBlock", text, style: "heading", weight: "bolder", size: "medium", wrap: true };
}
