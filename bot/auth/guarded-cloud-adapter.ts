import { CloudAdapter, StatusCodes, type Activity, type InvokeResponse, type TurnContext } from "botbuilder";
import { AuthenticationError, type AuthenticateRequestResult, type BotFrameworkAuthentication } from "botframework-connector";
import { describeError, type BotLog } from "../bot-log";

/** The whole 401 body, whatever failed: which check a token failed is for our logs, not for the caller. */
export const UNAUTHORIZED_MESSAGE = "Unauthorized: the request did not carry a valid Bot Framework token.";

/** The 500 body when the bot could not check a token (signing keys unreachable) or could not run the activity. */
export const ACTIVITY_FAILED_MESSAGE = "The bot could not process this activity.";

/** Errors jsonwebtoken throws for a bad token (signature, nbf, alg, malformed); botbuilder lets them through as 500s. */
const TOKEN_ERROR_NAMES: ReadonlySet<string> = new Set(["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

/**
 * A CloudAdapter whose HTTP error bodies are ours. CloudAdapter answers a failed request with the thrown error's
 * message: botbuilder's AuthenticationErrors echo token claims and key ids ("Invalid AppId passed on token: …",
 * "Could not validate endorsement for key: …"), jsonwebtoken's errors come back as 500 "invalid signature" or "jwt not
 * active", a key endpoint answering 503 as 401 "Failed to load openID config: 503", and an unreachable one as 500
 * with its URL (node-fetch's message). Here every failure is logged once, with its real reason, in our one-JSON-line
 * format, and answered with a generic body: 401 for a rejected token, 500 for anything else.
 *
 * Over HTTP (`process`) the failure comes back as a response rather than a throw, because CloudAdapter
 * `console.error`s every error it catches, which would put a second, unstructured line in the log for each rejected
 * token. `processActivityDirect` still throws (an AuthenticationError for a rejected token), as its callers expect.
 */
export class GuardedCloudAdapter extends CloudAdapter {
  constructor(
    botFrameworkAuthentication: BotFrameworkAuthentication,
    private readonly log: BotLog,
  ) {
    super(botFrameworkAuthentication);
  }

  protected override async processActivity(
    authorization: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    try {
      return await this.run(authorization, activity, logic);
    } catch (error) {
      return error instanceof AuthenticationError
        ? { status: StatusCodes.UNAUTHORIZED, body: UNAUTHORIZED_MESSAGE }
        : { status: StatusCodes.INTERNAL_SERVER_ERROR, body: ACTIVITY_FAILED_MESSAGE };
    }
  }

  override async processActivityDirect(
    authorization: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    await this.run(authorization, activity, logic);
  }

  /** Authenticates and runs the turn; throws a generic AuthenticationError (rejected token) or Error (anything else). */
  private async run(
    authorization: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    const authenticated = typeof authorization === "string" ? await this.authenticate(activity, authorization) : authorization;
    try {
      return await super.processActivity(authenticated, activity, logic);
    } catch (error) {
      // Turn errors never get here (onTurnError answers them); this is the adapter's own plumbing failing.
      this.log("error", "bot.activity.failed", { ...where(activity), ...describeError(error) });
      throw new Error(ACTIVITY_FAILED_MESSAGE);
    }
  }

  private async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      // Never log the header itself: it is a live bearer token.
      const callerFault = isTokenRejection(error);
      this.log(callerFault ? "warn" : "error", callerFault ? "bot.auth.rejected" : "bot.auth.unavailable", {
        ...where(activity),
        hasToken: authHeader.trim() !== "",
        reason: reasonOf(error),
      });
      if (callerFault) throw new AuthenticationError(UNAUTHORIZED_MESSAGE, StatusCodes.UNAUTHORIZED);
      throw new Error(ACTIVITY_FAILED_MESSAGE);
    }
  }
}

/**
 * True when the token (or its absence) is at fault. botbuilder raises AuthenticationError with status 500 when it
 * cannot fetch the OpenID metadata or keys, and node-fetch raises its own errors when the endpoint is unreachable:
 * those are ours to fix, so they stay 500s (still refused, and the Bot Connector retries 5xx).
 */
function isTokenRejection(error: unknown): boolean {
  if (error instanceof AuthenticationError) return error.statusCode < 500;
  return error instanceof Error && TOKEN_ERROR_NAMES.has(error.name);
}

function where(activity: Activity): Record<string, unknown> {
  return { activityType: activity.type, channelId: activity.channelId };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
