import { describe, expect, test } from 'vitest'
import {
  allReproducers,
  lookupErrorCode,
  lookupQuarantineReason,
  provisioningErrorCodes,
  quarantineReasons,
} from '../../helpers/diagnose/index.ts'
import { KNOWN_CHECK_IDS, QUARANTINE_REASONS, S6_CODES, WILD_CODES } from './codes-under-test.ts'

describe('entra-codes table', () => {
  test.each([...S6_CODES, ...WILD_CODES])('%s is described with meaning, fix, retry and status', (code) => {
    const info = lookupErrorCode(code)
    expect(info?.code).toBe(code)
    expect(info?.kind).toBe('provisioning-log')
    expect(info?.meaning.length).toBeGreaterThan(20)
    expect(info?.fix.length).toBeGreaterThan(5)
    expect(info?.retry.when.length).toBeGreaterThan(5)
    expect(Array.isArray(info?.httpStatus)).toBe(true)
  })

  test('the table holds exactly the §5.1 codes', () => {
    expect(Object.keys(provisioningErrorCodes).sort()).toEqual([...S6_CODES, ...WILD_CODES].sort())
  })

  test.each(QUARANTINE_REASONS)('quarantine reason %s is described', (reason) => {
    const info = lookupQuarantineReason(reason)
    expect(info?.code).toBe(reason)
    expect(info?.kind).toBe('quarantine-reason')
    expect(info?.meaning.length).toBeGreaterThan(10)
  })

  test('the quarantine table holds exactly the documented reasons; the quarantine article spelling is accepted', () => {
    expect(Object.keys(quarantineReasons).sort()).toEqual([...QUARANTINE_REASONS].sort())
    expect(lookupQuarantineReason('QuarantineOnDemand')?.code).toBe('QuarantinedOnDemand')
  })

  test('every reproducer is one of the catalog ids named for diagnose', () => {
    const pairs = allReproducers()
    expect(pairs.length).toBeGreaterThan(20)
    for (const { checkId } of pairs) expect(KNOWN_CHECK_IDS.has(checkId), checkId).toBe(true)
  })

  test('codes the Microsoft table marks as auto-retried in 40 minutes say so', () => {
    for (const code of ['InternalServerError', 'WebExceptionProtocolError', 'InternalError', 'Timeout']) {
      expect(lookupErrorCode(code)?.retry).toMatchObject({
        automatic: true,
        when: expect.stringContaining('40 minutes'),
      })
    }
    expect(lookupErrorCode('EntryConflict')?.retry.automatic).toBe(false)
    expect(lookupErrorCode('TooManyRequests')?.httpStatus).toEqual([429])
  })

  test('app-prefixed codes are matched by their longest known suffix', () => {
    expect(lookupErrorCode('ContosoEntryConflict')?.code).toBe('EntryConflict')
    expect(lookupErrorCode('ContosoConflict')?.code).toBe('Conflict')
    expect(lookupErrorCode('SomethingNobodyKnows')).toBeUndefined()
    expect(lookupErrorCode(undefined)).toBeUndefined()
  })

  test('credential and compliance codes lead to EncounteredQuarantineException', () => {
    expect(lookupErrorCode('SystemForCrossDomainIdentityManagementCredentialValidationFailure')?.quarantine).toBe(
      'EncounteredQuarantineException',
    )
    expect(lookupErrorCode('SystemForCrossDomainIdentityManagementServiceIncompatible')?.reproducers).toContain(
      'test-connection/users-filter-responds-200',
    )
  })
})
