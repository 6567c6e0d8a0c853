import { isDatabaseUp, type Db } from "../../db";

export class HealthService {
  constructor(private readonly db: Db) {}

  async isHealthy(): Promise<boolean> {
    return isDatabaseUp(this.db);
  }
}
