import type { HubServices } from "../../core";
import type { BotLog } from "../bot-log";
import type { AdaptiveCard } from "../cards";

/** Everything a handler may use for one turn: the use cases, where links point, a logger, and how to reply. */
export interface BotTurn {
  readonly services: HubServices;
  /** Public base URL of the host, for links into the tabs. */
  readonly publicUrl: string;
  readonly log: BotLog;
  /** Replies with an Adaptive Card (its `speak` is also the activity's spoken form). */
  sendCard(card: AdaptiveCard): Promise<void>;
  /** Replies with a short plain-text message, spoken as written. */
  sendText(text: string): Promise<void>;
}
