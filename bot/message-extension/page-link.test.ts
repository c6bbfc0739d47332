import { readPageLink } from "./page-link";

const PUBLIC_URL = "https://hub.example.gov.uk";

describe("readPageLink: Guidance tab links", () => {
  it.each([
    ["https://hub.example.gov.uk/tabs/guidance?page=hr%2Fannual-leave.md", "hr/annual-leave.md"],
    ["https://HUB.example.gov.uk/tabs/guidance/?page=hr/annual-leave.md", "hr/annual-leave.md"],
    ["https://hub.example.gov.uk/tabs/guidance?tab=x&page=hr%2Fannual-leave.md#top", "hr/annual-leave.md"],
    ["  https://hub.example.gov.uk/Tabs/Guidance?page=hr%2Fannual-leave.md  ", "hr/annual-leave.md"],
  ])("%s → page %s", (url, id) => {
    expect(readPageLink(url, PUBLIC_URL)).toEqual({ kind: "tab", pageIds: [id] });
  });

  it("tries a twice-encoded id decoded once more", () => {
    expect(readPageLink("https://hub.example.gov.uk/tabs/guidance?page=hr%252Fannual-leave.md", PUBLIC_URL)).toEqual({
      kind: "tab",
      pageIds: ["hr%2Fannual-leave.md", "hr/annual-leave.md"],
    });
  });

  it("survives an id that is not valid percent-encoding", () => {
    expect(readPageLink("https://hub.example.gov.uk/tabs/guidance?page=100%25%zz", PUBLIC_URL)).toEqual({ kind: "tab", pageIds: ["100%%zz"] });
  });

  it("honours a public URL with a path prefix", () => {
    expect(readPageLink("https://example.gov.uk/hub/tabs/guidance?page=a.md", "https://example.gov.uk/hub/")).toEqual({ kind: "tab", pageIds: ["a.md"] });
  });

  it("treats the hub's other pages, and a tab link without a page, as ordinary links", () => {
    expect(readPageLink("https://hub.example.gov.uk/tabs/guidance", PUBLIC_URL)?.kind).toBe("original");
    expect(readPageLink("https://hub.example.gov.uk/tabs/conversations?page=a.md", PUBLIC_URL)?.kind).toBe("original");
    expect(readPageLink("https://hub.example.gov.uk:8443/tabs/guidance?page=a.md", PUBLIC_URL)?.kind).toBe("original");
  });
});

describe("readPageLink: original links", () => {
  it("tries the link as pasted first, then without fragment, query and trailing slash", () => {
    const target = readPageLink("https://intranet.example.gov.uk/hr/Annual-Leave/?web=1#booking", PUBLIC_URL);
    expect(target?.kind).toBe("original");
    const urls = target?.kind === "original" ? target.urls : [];
    expect(urls[0]).toBe("https://intranet.example.gov.uk/hr/Annual-Leave/?web=1#booking");
    expect(urls).toEqual(expect.arrayContaining(["https://intranet.example.gov.uk/hr/Annual-Leave/?web=1", "https://intranet.example.gov.uk/hr/Annual-Leave", "http://intranet.example.gov.uk/hr/Annual-Leave"]));
    expect(new Set(urls).size).toBe(urls.length);
  });

  it("tries a percent-encoded path decoded too (SharePoint page names with spaces)", () => {
    const target = readPageLink("https://council.sharepoint.com/sites/hub/SitePages/Annual%20leave.aspx", PUBLIC_URL);
    expect(target?.kind === "original" ? target.urls : []).toContain("https://council.sharepoint.com/sites/hub/SitePages/Annual leave.aspx");
  });

  it.each(["", "not a url", "mailto:hr@example.gov.uk", "javascript:alert(1)", "ftp://intranet.example.gov.uk/a", `https://x.example/${"a".repeat(3000)}`])(
    "ignores %j",
    (url) => {
      expect(readPageLink(url, PUBLIC_URL)).toBeUndefined();
    },
  );
});
