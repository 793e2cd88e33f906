// GENERATED from config/ by the budget tool: do not edit. Change config/ and run
//   ./budget render
// (./mvnw verify fails while this file differs from what config/ renders.)
// The front door of stage dev (config/dev.yaml; docs/front-door.md):
// nextjs at http://localhost:3000 proxies 13 route(s) to https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com.
// In the app's next.config.js:
//   async rewrites() { return require('./next-rewrites.js'); },
// (or put its beforeFiles first in the beforeFiles the app already returns). beforeFiles
// are checked before the app's own routes at the same paths; each proxies one route to
// the stage's API, query string and cookies included. Roll-back: remove them.
module.exports = {
  "beforeFiles": [
    {
      "source": "/api/agent/completed-today",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/agent/completed-today"
    },
    {
      "source": "/api/agent/tasks",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/agent/tasks"
    },
    {
      "source": "/api/holds/agents",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/holds/agents"
    },
    {
      "source": "/api/holds/queues",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/holds/queues"
    },
    {
      "source": "/api/manager/agents",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/manager/agents"
    },
    {
      "source": "/api/manager/assistance",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/manager/assistance"
    },
    {
      "source": "/api/manager/dashboard/agent-progress",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/manager/dashboard/agent-progress"
    },
    {
      "source": "/api/manager/dashboard/metrics",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/manager/dashboard/metrics"
    },
    {
      "source": "/api/manager/spam/counts",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/manager/spam/counts"
    },
    {
      "source": "/api/manager/spam/restore",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/manager/spam/restore"
    },
    {
      "source": "/api/manager/spam/review/restore",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/manager/spam/review/restore"
    },
    {
      "source": "/api/manager/tasks/mark-spam",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/manager/tasks/mark-spam"
    },
    {
      "source": "/api/manager/users/heartbeat",
      "destination": "https://h5t9c2r7ye.execute-api.eu-west-1.amazonaws.com/api/manager/users/heartbeat"
    }
  ]
};
