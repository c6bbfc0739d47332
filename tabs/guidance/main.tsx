// Entry point of the Guidance tab bundle (scripts/build-tabs.mjs), loaded by dist/tabs/guidance/index.html.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AppShell } from "../shared";
import { GuidanceTab } from "./guidance-tab";

const container = document.getElementById("root");
if (!container) throw new Error("The Guidance tab needs a #root element in its page.");

createRoot(container).render(
  <StrictMode>
    <AppShell tabName="Guidance">{({ api, user }) => <GuidanceTab api={api} user={user} />}</AppShell>
  </StrictMode>,
);
