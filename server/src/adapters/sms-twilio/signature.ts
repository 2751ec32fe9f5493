import twilio from 'twilio';

/**
 * Checks X-Twilio-Signature (HMAC-SHA1 of the full URL Twilio called plus the sorted POST
 * parameters, keyed by the auth token) with the official SDK's validateRequest.
 */
export function twilioSignatureCheck(authToken: string) {
  return (url: string, params: Record<string, string>, signature: string): boolean =>
    twilio.validateRequest(authToken, signature, url, params);
}
