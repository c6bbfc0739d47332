import type { FileDownload } from "../../shared";

/**
 * Saves a fetched file through the browser's own download: a temporary object URL on a hidden link. The API needs
 * a bearer token, so a plain `<a href>` to the CSV route could not be used.
 */
export function saveDownload({ blob, filename }: FileDownload): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later, not at once: some browsers start reading the blob only after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
