import type { Config } from "./config";
import type { Db } from "./db";
import { AccountsRepository } from "./features/accounts/repository";
import { AccountService } from "./features/accounts/service";
import { SessionService } from "./features/accounts/sessions";
import { SignInThrottle } from "./features/accounts/throttle";
import { AdminService } from "./features/admin/service";
import { CrisisService } from "./features/crisis/service";
import { GroupsRepository } from "./features/groups/repository";
import { GroupsService } from "./features/groups/service";
import { HealthService } from "./features/health/service";
import { OrganizationRepository } from "./features/organization/repository";
import { OrganizationService } from "./features/organization/service";
import { SetupRepository } from "./features/setup/repository";
import { SetupService } from "./features/setup/service";
import { WebService } from "./features/web/service";

export interface ServiceDeps {
  db: Db;
  config: Config;
}

/** The composition of every feature's service; features reach each other only through these. */
export function createServices(deps: ServiceDeps) {
  const organization = new OrganizationService(new OrganizationRepository(deps.db));
  const groups = new GroupsService(new GroupsRepository(deps.db), organization);
  const accountsRepository = new AccountsRepository(deps.db);
  const sessions = new SessionService(accountsRepository, organization);
  const throttle = new SignInThrottle(accountsRepository, deps.config.sessionSecret);
  const accounts = new AccountService(accountsRepository, sessions, throttle, organization, groups);
  const crisis = new CrisisService();
  return {
    health: new HealthService(deps.db),
    organization,
    groups,
    sessions,
    accounts,
    setup: new SetupService(new SetupRepository(deps.db), accounts, sessions),
    admin: new AdminService(accounts, organization, groups),
    crisis,
    web: new WebService(organization, crisis),
  };
}

export type Services = ReturnType<typeof createServices>;
