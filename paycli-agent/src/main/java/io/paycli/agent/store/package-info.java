/**
 * The agent's durable state: the {@link io.paycli.agent.store.Database} (SQLite in the data directory, or
 * PostgreSQL for production and several replicas, its schema owned by Flyway), the
 * {@link io.paycli.agent.store.JobStore} queue with each job's log, and the append-only
 * {@link io.paycli.agent.store.AuditStore}.
 */
package io.paycli.agent.store;
