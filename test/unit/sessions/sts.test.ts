// Which STS refusals are a wrong MFA code (asked for once more) and what any other failure says.
import { describe, expect, it } from 'vitest';
import { KeywardError } from '../../../src/errors.js';
import { isWrongCode, stsFailure } from '../../../src/sessions/sts.js';

const awsError = (name: string, message: string): Error => Object.assign(new Error(message), { name });

describe(isWrongCode.name, () => {
  it.each([
    [awsError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. '), true],
    [awsError('AccessDenied', 'MultiFactorAuthentication failed, unable to validate MFA code.'), true],
    [awsError('AccessDenied', 'User is not authorized to perform: sts:GetSessionToken'), false],
    [awsError('InvalidClientTokenId', 'The security token included in the request is invalid.'), false],
    [null, false],
  ])('%s → %s', (error, expected) => expect(isWrongCode(error)).toBe(expected));
});

describe(stsFailure.name, () => {
  it('names the service error and the first line of its message, as sts-failed', () => {
    const failure = stsFailure(awsError('InvalidClientTokenId', 'The security token included in the request is invalid.\nmore'));
    expect([failure.code, failure.message]).toEqual(['sts-failed', 'STS GetSessionToken failed (InvalidClientTokenId: The security token included in the request is invalid.)']);
  });

  it('passes a KeywardError through', () => {
    const own = new KeywardError('mfa-cancelled', 'no MFA code was entered');
    expect(stsFailure(own)).toBe(own);
  });
});
