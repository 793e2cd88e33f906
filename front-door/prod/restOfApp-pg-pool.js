// GENERATED from config/ by the budget tool: do not edit. Change config/ and run
//   ./budget render
// (./mvnw verify fails while this file differs from what config/ renders.)
// The task desk app's side of stage prod's database taskdesk-prod (config/databases.yaml,
// reservedFor.restOfApp: netlify, share 8, role taskdesk_app; docs/connection-budget.md, "The app's side").
// Its role's CONNECTION LIMIT 8 (roles) refuses a connection past the share.
// Prisma 7 (driver adapter @prisma/adapter-pg, which ignores the URL's pool parameters):
//   const { PrismaPg } = require('@prisma/adapter-pg');
//   const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL, ...require('./restOfApp-pg-pool.js') });
// max is each instance's pool; connectionTimeoutMillis covers both the wait for a pooled
// connection and a new one (Prisma 6's pool_timeout + connect_timeout); idle connections close
// after idleTimeoutMillis.
module.exports = {
  "max": 1,
  "connectionTimeoutMillis": 6000,
  "idleTimeoutMillis": 10000,
  "application_name": "restOfApp"
};
