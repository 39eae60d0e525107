import { Logger } from '@aws-lambda-powertools/logger';

/** The one structured logger; correlation ids come from the API Gateway request id. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'quoteflow' });
