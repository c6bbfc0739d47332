import type { HubServices } from "../../core";
import type { BotLog } from "../bot-log";

/** Everything a message-extension handler may use: the use cases, where links point, and a logger. */
export interface MessageExtensionContext {
  readonly services: HubServices;
  /** Public base URL of the host: links into the Guidance tab, and which pasted links are the hub's own. */
  readonly publicUrl: string;
  readonly log: BotLog;
}
