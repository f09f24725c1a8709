import type { Cabinet, CabinetRole } from "../../../db/schema";

/** A cabinet as API clients see it: the token's decoded facts, never the token itself. */
export function cabinetView(cabinet: Cabinet, role: CabinetRole) {
  return {
    id: cabinet.id,
    name: cabinet.name,
    isDemo: cabinet.isDemo,
    role,
    status: cabinet.status,
    statusReason: cabinet.statusReason,
    token: {
      type: cabinet.tokenType,
      categories: cabinet.tokenCategories,
      readOnly: cabinet.tokenReadOnly,
      expiresAt: cabinet.tokenExpiresAt?.toISOString() ?? null,
    },
    createdAt: cabinet.createdAt.toISOString(),
  };
}
