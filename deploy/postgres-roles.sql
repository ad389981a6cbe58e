-- PostgreSQL roles for the portal (README: PostgreSQL roles). The owner role owns the schema and
-- runs `quarterhour migrate`; the server runs as the app role, which reads and writes the
-- portal's data but can neither change nor delete the audit log, nor drop or disable its
-- triggers (only a table's owner can). Run as the owner after every `quarterhour migrate`;
-- running it again changes nothing:
--   psql -v owner=quarterhour_owner -v app=quarterhour_app -d quarterhour -f deploy/postgres-roles.sql
GRANT USAGE ON SCHEMA public TO :"app";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app";
