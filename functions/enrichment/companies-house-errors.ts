/** Base of every Companies House failure; `status` is the HTTP status when there was one. */
export class CompaniesHouseError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 401/403: the key is wrong, revoked or not allowed to call this API. */
export class CompaniesHouseAuthError extends CompaniesHouseError {
  constructor(status: number) {
    super(`Companies House rejected the API key (HTTP ${status})`, status);
  }
}

/** Network failure, timeout, 5xx, or a response that does not have the documented shape. */
export class CompaniesHouseUnavailableError extends CompaniesHouseError {}

/** The company number is not on the register (used where a missing company cannot be `null`). */
export class CompaniesHouseNotFoundError extends CompaniesHouseError {
  constructor(readonly companyNumber: string) {
    super(`Companies House has no company numbered ${companyNumber}`, 404);
  }
}
