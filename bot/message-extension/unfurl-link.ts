import type { MessagingExtensionResponse } from "botbuilder";
import { z } from "zod";
import { isAppError, type GuidancePage } from "../../core";
import { describeError } from "../bot-log";
import { resultResponse } from "./compose-extension-response";
import { unfurledPageAttachment } from "./guidance-page-attachment";
import type { MessageExtensionContext } from "./message-extension-context";
import { readPageLink } from "./page-link";
import { pageCardItem } from "./page-card-item";

const queryLinkSchema = z.object({ url: z.string() });

/**
 * Answers a `composeExtension/queryLink` (a URL pasted into the compose box): a Guidance tab link or a page's
 * original link becomes the same card the search inserts, declared Adaptive Cards 1.3 as unfurling requires.
 * Anything else, or any failure, is an empty result, which Teams treats as "nothing to unfurl" and leaves the link
 * as it is. Never throws.
 */
export async function unfurlLink({ services, publicUrl, log }: MessageExtensionContext, value: unknown): Promise<MessagingExtensionResponse> {
  const parsed = queryLinkSchema.safeParse(value);
  const target = parsed.success ? readPageLink(parsed.data.url, publicUrl) : undefined;
  if (!target) return resultResponse([]);
  try {
    const page =
      target.kind === "tab"
        ? await firstPage(target.pageIds, (id) => pageById(services, id))
        : await firstPage(target.urls, (url) => services.guidance.pageByUrl(url));
    // Whether a link unfurled, never which: the URL can name a person's case or document.
    log("info", "bot.message_extension.unfurled", { kind: target.kind, found: page !== undefined });
    return resultResponse(page ? [unfurledPageAttachment(pageCardItem(page), publicUrl)] : []);
  } catch (error) {
    log("error", "bot.message_extension.unfurl_failed", describeError(error));
    return resultResponse([]);
  }
}

async function pageById(services: MessageExtensionContext["services"], id: string): Promise<GuidancePage | undefined> {
  try {
    return await services.guidance.getPage(id);
  } catch (error) {
    if (isAppError(error) && error.status === 404) return undefined;
    throw error;
  }
}

async function firstPage(keys: readonly string[], find: (key: string) => Promise<GuidancePage | undefined>): Promise<GuidancePage | undefined> {
  for (const key of keys) {
    const page = await find(key);
    if (page) return page;
  }
  return undefined;
}
