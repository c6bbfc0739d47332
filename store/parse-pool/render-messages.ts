/** A page's Markdown sent to the render worker. */
export interface RenderRequest {
  readonly id: number;
  readonly markdown: string;
}

/** The render worker's answer: the safe HTML, or none when rendering failed. */
export interface RenderResponse {
  readonly id: number;
  readonly html?: string;
}
