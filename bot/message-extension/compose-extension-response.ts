import type { MessagingExtensionAttachment, MessagingExtensionResponse } from "botbuilder";

/** A result list (Teams shows each attachment's preview; choosing one inserts its card). Empty: Teams shows nothing. */
export function resultResponse(attachments: readonly MessagingExtensionAttachment[]): MessagingExtensionResponse {
  return { composeExtension: { type: "result", attachmentLayout: "list", attachments: [...attachments] } };
}

/** A plain message in place of results: how Teams is told about bad input or an empty search, never as an error. */
export function messageResponse(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: "message", text } };
}
