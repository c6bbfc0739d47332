import type { NextFunction, Request, Response } from "express";
import { AppError, isAppError } from "../../core";
import { errorFields, type Logger } from "../logger";

/** The JSON body of every error the API returns. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ReadonlyArray<{ path: string; message: string }> };
}

/** Errors raised by express's body parser carry a `type`; map the ones that are the caller's fault. */
function fromBodyParser(error: unknown): AppError | undefined {
  const type = typeof error === "object" && error !== null && "type" in error ? (error as { type: unknown }).type : undefined;
  switch (type) {
    case "entity.too.large":
      return new AppError("payload_too_large", "The request body is too large.");
    case "entity.parse.failed":
      return AppError.badRequest("The request body is not valid JSON.");
    case "encoding.unsupported":
    case "charset.unsupported":
      return AppError.badRequest("The request body's encoding is not supported; send UTF-8 JSON.");
    default:
      return undefined;
  }
}

/**
 * The one error handler of the HTTP edge. AppErrors become their status and user-safe message; everything else is
 * logged with its stack and answered with a plain 500 that leaks nothing.
 */
export function errorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appError = isAppError(error) ? error : fromBodyParser(error);
    if (res.headersSent) {
      log("error", "error after response started", { path: req.path, ...errorFields(error) });
      return;
    }
    if (appError) {
      if (appError.status >= 500 || appError.cause) log(appError.status >= 500 ? "error" : "info", appError.message, { path: req.path, status: appError.status, ...(appError.cause ? { cause: errorFields(appError.cause) } : {}) });
      sendError(res, appError);
      return;
    }
    log("error", "unhandled error", { method: req.method, path: req.path, ...errorFields(error) });
    sendError(res, new AppError("internal", "Something went wrong on our side. Try again, and contact the IT Service Desk if it keeps happening."));
  };
}

export function sendError(res: Response, error: AppError): void {
  const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  if (error.status === 401) res.set("WWW-Authenticate", 'Bearer realm="council-hub"');
  res.status(error.status).json(body);
}

/** Unknown routes: a JSON 404, for API callers and browsers alike. */
export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(AppError.notFound(`The route ${req.method} ${req.path}`));
}
