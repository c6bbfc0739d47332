import express, { type Express } from "express";
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from "botbuilder";

/**
 * The baseline the bench compares Council Hub's bot turn against: botbuilder's smallest useful bot (reply with the
 * text), on a CloudAdapter with no app id (the same unauthenticated dev setting the hub runs with), in a bare
 * express 5 app with only express.json(). Whatever the hub costs beyond this is ours, not the Bot Framework's.
 */
export function createEchoApp(): Express {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(MessageFactory.text(context.activity.text ?? ""));
    await next();
  });
  const app = express();
  app.use(express.json());
  app.post("/api/messages", async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return app;
}
