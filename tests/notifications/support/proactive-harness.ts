import type { CloudAdapter } from "botbuilder";
import { createBotAdapter, BotConnectorSender, ProactiveSendQueue, type BotLogLevel, type ProactiveSendQueueOptions } from "../../../bot";
import type { ConversationTarget } from "../../../core";
import { ConnectorFake } from "../../fakes";
import { VirtualClock } from "./virtual-clock";

/** The bot's registration in these tests: a single-tenant bot with a secret, so outbound calls carry a token. */
export const BOT_APP_ID = "0b7a7c4e-3f56-4d8e-9a61-6d2b5c1e8f90";
export const TENANT_ID = "7d3f1a2b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
/** What the injected connector token source returns: the bearer the fake connector must see. */
export const CONNECTOR_TOKEN = "fixed-bot-to-connector-token";

/** One line the bot code logged. */
export interface LogLine {
  readonly level: BotLogLevel;
  readonly message: string;
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** A real CloudAdapter (createBotAdapter) whose proactive sends reach a fake Bot Connector on a virtual clock. */
export interface ProactiveHarness {
  readonly clock: VirtualClock;
  readonly connector: ConnectorFake;
  readonly adapter: CloudAdapter;
  readonly sender: BotConnectorSender;
  readonly queue: ProactiveSendQueue;
  readonly logs: LogLine[];
  /** A personal-chat target for person number `n` (its own conversation) on the fake connector. */
  target(n: number, overrides?: Partial<ConversationTarget>): ConversationTarget;
  close(): Promise<void>;
}

/** Builds the harness; `queue` options override the defaults (virtual clock and sleep, jitter pinned to 0.5). */
export async function startProactiveHarness(queue: Partial<ProactiveSendQueueOptions> = {}): Promise<ProactiveHarness> {
  const clock = new VirtualClock();
  const connector = await ConnectorFake.start({ now: () => clock.nowMs() });
  const logs: LogLine[] = [];
  const log = (level: BotLogLevel, message: string, meta?: Readonly<Record<string, unknown>>): void => void logs.push({ level, message, ...(meta ? { meta } : {}) });
  const adapter = createBotAdapter({ appId: BOT_APP_ID, appPassword: "not-a-real-secret", tenantId: TENANT_ID, log, connectorTokens: async () => CONNECTOR_TOKEN });
  const sender = new BotConnectorSender({ adapter, botAppId: BOT_APP_ID, log, nowMs: () => clock.nowMs() });
  const proactive = new ProactiveSendQueue({
    transport: (target, activity) => clock.track(sender.send(target, activity)),
    clock,
    sleep: clock.sleep,
    // 0.5 is the middle of the jitter range, so backoff waits are exactly base · 2^(n−1).
    random: () => 0.5,
    log,
    ...queue,
  });
  return {
    clock,
    connector,
    adapter,
    sender,
    queue: proactive,
    logs,
    target: (n, overrides = {}) => ({
      aadObjectId: personId(n),
      tenantId: TENANT_ID,
      serviceUrl: connector.serviceUrl,
      channelId: "msteams",
      conversationId: `a:personal-chat-${n}`,
      botId: `28:${BOT_APP_ID}`,
      userId: `29:teams-user-${n}`,
      ...overrides,
    }),
    close: () => connector.close(),
  };
}

/** A stable Entra object id (GUID) for person number `n`. */
export function personId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}
