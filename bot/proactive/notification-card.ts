import { activityTypeDefinition, type PreparedContent } from "../../core";
import { CARD_ENVELOPE, cardHeading, type AdaptiveCard } from "../cards/adaptive-card-types";
import { escapeMarkdown } from "../cards/card-text";

/** What `{actor}` stands for in a bot message: app-only feed notifications show the app's name there too. */
export const NOTIFICATION_ACTOR = "Council Hub";

/** The kind's template line with its parameters filled in, e.g. "Council Hub needs your decision on Parking permits". */
export function renderTemplateLine(content: PreparedContent): string {
  const values = new Map(content.templateParameters.map(({ name, value }) => [name, value]));
  return activityTypeDefinition(content.activityType).templateText.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name === "actor" ? NOTIFICATION_ACTOR : (values.get(name) ?? placeholder),
  );
}

/**
 * The bot-message form of a notification: the same title, template line and preview the activity feed would show,
 * and one button that opens the item in its tab. It carries nothing the feed item would not, so the
 * special-category rule on previews holds here too (a chat message is kept longer than a toast, so it matters more).
 */
export function notificationCard(content: PreparedContent, deepLink: string): AdaptiveCard {
  const line = renderTemplateLine(content);
  return {
    ...CARD_ENVELOPE,
    body: [
      cardHeading(content.title),
      { type: "TextBlock", text: escapeMarkdown(line), wrap: true },
      { type: "TextBlock", text: escapeMarkdown(content.previewText), wrap: true, isSubtle: true },
    ],
    actions: [{ type: "Action.OpenUrl", title: "Open in Council Hub", url: deepLink, tooltip: `Open this ${content.title.toLowerCase()} in Council Hub` }],
    speak: `${content.title}. ${line}. ${content.previewText}`,
    fallbackText: `${content.title}: ${line}. ${content.previewText} ${deepLink}`,
  };
}
