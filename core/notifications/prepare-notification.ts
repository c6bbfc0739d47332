import { AppError } from "../shared/app-error";
import { NOTIFICATION_ACTIVITY_TYPES, NOTIFICATION_TABS, activityTypeDefinition, type NotificationActivityType } from "./activity-types";
import { MAX_PREVIEW_TEXT_LENGTH, type AnyBroadcast, type AnyNotification, type DeepLinkTarget, type RecipientId } from "./notification";

/** A notification's content after validation, in the shape every channel sends: what adapters work from. */
export interface PreparedContent {
  readonly activityType: NotificationActivityType;
  /** The preview to send: the caller's, or the kind's fixed text for sensitive kinds. */
  readonly previewText: string;
  readonly target: DeepLinkTarget;
  /** Template parameters in the kind's declared order, as Graph's `keyValuePair` list wants them. */
  readonly templateParameters: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /** The kind's title, for bot messages and feed topics. */
  readonly title: string;
}

/** Entra object ids are GUIDs; anything else given as a recipient is taken to be a UPN. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Control characters (line breaks included): Teams shows the preview on one line and would render them raw. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Whether a recipient id is an Entra object id (a GUID) rather than a UPN. */
export function isEntraObjectId(recipient: RecipientId): boolean {
  return GUID.test(recipient);
}

/**
 * Checks a notification's content and returns it ready to send. Throws AppError bad_request, with a detail per
 * problem, when no recipient could ever receive it (unknown kind or tab, empty or over-long preview, a missing
 * template parameter): such a mistake should fail the caller loudly, not be reported as a thousand failed sends.
 *
 * For kinds with a `fixedPreview` the caller's preview is replaced, so a slip in a calling module cannot put
 * special-category details on a lock screen.
 */
export function prepareContent(notification: AnyNotification | AnyBroadcast): PreparedContent {
  const problems: Array<{ path: string; message: string }> = [];
  const { activityType, target } = notification;
  if (!Object.hasOwn(NOTIFICATION_ACTIVITY_TYPES, activityType)) {
    throw AppError.badRequest("Unknown notification type.", [{ path: "activityType", message: `Not one of ${Object.keys(NOTIFICATION_ACTIVITY_TYPES).join(", ")}` }]);
  }
  const definition = activityTypeDefinition(activityType);

  const preview = (notification.previewText ?? "").trim();
  if (preview === "") problems.push({ path: "previewText", message: "Required" });
  if (preview.length > MAX_PREVIEW_TEXT_LENGTH) problems.push({ path: "previewText", message: `At most ${MAX_PREVIEW_TEXT_LENGTH} characters` });
  if (CONTROL_CHARACTERS.test(preview)) problems.push({ path: "previewText", message: "One line, without control characters" });

  if (!(NOTIFICATION_TABS as readonly string[]).includes(target?.tab)) problems.push({ path: "target.tab", message: `Not one of ${NOTIFICATION_TABS.join(", ")}` });
  if (typeof target?.entityId !== "string" || target.entityId.trim() === "") problems.push({ path: "target.entityId", message: "Required" });

  const given: Readonly<Record<string, unknown>> = notification.templateParameters ?? {};
  const templateParameters = definition.parameters.map((name) => ({ name, value: given[name] }));
  for (const { name, value } of templateParameters) {
    if (typeof value !== "string" || value.trim() === "") problems.push({ path: `templateParameters.${name}`, message: "Required" });
  }
  for (const name of Object.keys(given)) {
    if (!definition.parameters.includes(name)) problems.push({ path: `templateParameters.${name}`, message: `Not a parameter of ${activityType}` });
  }

  if (problems.length > 0) throw AppError.badRequest("The notification is not valid.", problems);
  return {
    activityType,
    previewText: definition.fixedPreview ?? preview,
    target: { tab: target.tab, entityId: target.entityId },
    templateParameters: templateParameters.map(({ name, value }) => ({ name, value: String(value) })),
    title: definition.title,
  };
}

/**
 * Recipients without repeats, in first-seen order. Object ids and UPNs are both case-insensitive in Entra ID, so
 * `Jo.Bloggs@…` and `jo.bloggs@…` are one person and get one notification.
 */
export function distinctRecipients(recipients: readonly RecipientId[]): RecipientId[] {
  const seen = new Set<string>();
  const distinct: RecipientId[] = [];
  for (const raw of recipients) {
    const recipient = raw.trim();
    const key = recipient.toLowerCase();
    if (recipient === "" || seen.has(key)) continue;
    seen.add(key);
    distinct.push(recipient);
  }
  return distinct;
}
