// Schema discovery (RFC 7644 §4; Microsoft's SCIM tutorial, schema discovery): required for gallery apps, called when the admin edits mappings.
import { defineChecks } from '../../helpers/model/check-info.ts'
import { GALLERY_ONLY } from '../../helpers/suite/consequences.ts'
import { entra, galleryChecklist, msValidation, rfc7643, rfc7644 } from '../../helpers/model/refs.ts'

const GALLERY = entra('gallery-requirements')

export const discoveryChecks = defineChecks({
  'discovery/service-provider-config-responds-200': {
    title: 'GET /ServiceProviderConfig answers 200',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's gallery checklist names /ServiceProviderConfig and /ResourceTypes; no source shows the provisioning service calling them at run time.",
      sources: [entra('gallery-requirements'), galleryChecklist('2.1.8')],
    },
    refs: [rfc7644('4'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'Serve /ServiceProviderConfig describing patch, bulk, filter, changePassword, sort, etag and authenticationSchemes.',
  },
  'discovery/service-provider-config-is-valid': {
    title: '/ServiceProviderConfig has every attribute RFC 7643 §5 requires, with the right types',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's gallery checklist names /ServiceProviderConfig and /ResourceTypes; no source shows the provisioning service calling them at run time.",
      sources: [entra('gallery-requirements'), galleryChecklist('2.1.8')],
    },
    refs: [rfc7643('5'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'Include patch, bulk, filter, changePassword, sort, etag (each with a boolean "supported") and authenticationSchemes.',
  },
  'discovery/service-provider-config-declares-patch': {
    title: '/ServiceProviderConfig declares PATCH supported',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's gallery checklist names /ServiceProviderConfig and /ResourceTypes; no source shows the provisioning service calling them at run time.",
      sources: [entra('gallery-requirements'), galleryChecklist('2.1.8')],
    },
    refs: [rfc7643('5'), entra('tutorial', 'understand-the-microsoft-entra-scim-implementation')],
    why: 'Entra updates users and groups only with PATCH; groups are supported only if PATCH is.',
    entra: GALLERY_ONLY,
    fix: 'Implement PATCH (RFC 7644 §3.5.2) and set patch.supported to true.',
  },
  'discovery/schemas-is-list-response': {
    title: 'GET /Schemas answers 200 with a ListResponse of valid Schema resources',
    severity: 'gallery',
    evidence: {
      says: "Gallery apps must support schema discovery, and Microsoft's validation requires every mapped attribute in /Schemas; non-gallery jobs never read it.",
      sources: [
        entra('gallery-requirements'),
        msValidation('Schema_Discoverability_Test'),
        entra('tutorial', 'schemas-schema-discovery'),
      ],
    },
    refs: [rfc7644('4'), rfc7643('7'), entra('tutorial', 'schemas-schema-discovery')],
    entra: GALLERY_ONLY,
    fix: 'Answer /Schemas with a ListResponse whose Resources are Schema resources (id, name, attributes).',
  },
  'discovery/schemas-describes-user': {
    title: '/Schemas describes the core User schema',
    severity: 'gallery',
    evidence: {
      says: "Gallery apps must support schema discovery, and Microsoft's validation requires every mapped attribute in /Schemas; non-gallery jobs never read it.",
      sources: [
        entra('gallery-requirements'),
        msValidation('Schema_Discoverability_Test'),
        entra('tutorial', 'schemas-schema-discovery'),
      ],
    },
    refs: [rfc7643('4.1'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'List urn:ietf:params:scim:schemas:core:2.0:User with its attributes in /Schemas.',
  },
  'discovery/schemas-describes-group': {
    title: '/Schemas describes the core Group schema',
    severity: 'gallery',
    evidence: {
      says: "Gallery apps must support schema discovery, and Microsoft's validation requires every mapped attribute in /Schemas; non-gallery jobs never read it.",
      sources: [
        entra('gallery-requirements'),
        msValidation('Schema_Discoverability_Test'),
        entra('tutorial', 'schemas-schema-discovery'),
      ],
    },
    refs: [rfc7643('4.2'), GALLERY],
    why: "Microsoft's validation fails the group tests, rather than skipping them, when the Group schema is missing.",
    entra: GALLERY_ONLY,
    fix: 'List urn:ietf:params:scim:schemas:core:2.0:Group with displayName and members in /Schemas.',
  },
  'discovery/schemas-describes-enterprise-user': {
    title: '/Schemas describes the enterprise User extension',
    severity: 'gallery',
    evidence: {
      says: "Gallery apps must support schema discovery, and Microsoft's validation requires every mapped attribute in /Schemas; non-gallery jobs never read it.",
      sources: [
        entra('gallery-requirements'),
        msValidation('Schema_Discoverability_Test'),
        entra('tutorial', 'schemas-schema-discovery'),
      ],
    },
    refs: [rfc7643('4.3'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'List urn:ietf:params:scim:schemas:extension:enterprise:2.0:User (employeeNumber, department, manager) in /Schemas.',
  },
  'discovery/schemas-describe-mapped-attributes': {
    title: '/Schemas describes every attribute the profile maps (sub-attributes and extension attributes included)',
    severity: 'gallery',
    evidence: {
      says: "Gallery apps must support schema discovery, and Microsoft's validation requires every mapped attribute in /Schemas; non-gallery jobs never read it.",
      sources: [
        entra('gallery-requirements'),
        msValidation('Schema_Discoverability_Test'),
        entra('tutorial', 'schemas-schema-discovery'),
      ],
    },
    refs: [rfc7643('7'), rfc7644('4'), entra('tutorial', 'schemas-schema-discovery')],
    why: "Microsoft's validation flattens /Schemas to attribute paths and requires every mapped attribute among them, ignoring case.",
    entra: GALLERY_ONLY,
    fix: 'Describe each mapped attribute in /Schemas: sub-attributes under subAttributes, enterprise ones in the extension schema.',
  },
  'discovery/resource-types-is-list-response': {
    title: 'GET /ResourceTypes answers 200 with a ListResponse of valid ResourceType resources',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's gallery checklist names /ServiceProviderConfig and /ResourceTypes; no source shows the provisioning service calling them at run time.",
      sources: [entra('gallery-requirements'), galleryChecklist('2.1.8')],
    },
    refs: [rfc7644('4'), rfc7643('6'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'Answer /ResourceTypes with a ListResponse of ResourceType resources (name, endpoint, schema).',
  },
  'discovery/resource-types-lists-user-and-group': {
    title: '/ResourceTypes lists User at /Users and Group at /Groups',
    severity: 'gallery',
    evidence: {
      says: "Microsoft's gallery checklist names /ServiceProviderConfig and /ResourceTypes; no source shows the provisioning service calling them at run time.",
      sources: [entra('gallery-requirements'), galleryChecklist('2.1.8')],
    },
    refs: [rfc7643('6'), GALLERY],
    entra: GALLERY_ONLY,
    fix: 'Declare the User resource type with endpoint /Users and the Group resource type with endpoint /Groups.',
  },
})
