export * from "./best-bet";
export * from "./best-bets-collection";
export * from "./trigger-match";
export * from "./best-bet-service";
