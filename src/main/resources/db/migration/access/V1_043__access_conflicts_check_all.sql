-- conflicts.check.all: the firm's conflicts officers see every conflict check hit in full (matter
-- number, role, exact score), on matters they are not on too; never on a matter a wall screens them
-- from (screened always wins). The Administrator (every permission) and the Intake coordinator hold
-- it. The database copy of the built-in roles (V1_022) follows BuiltInRole.
INSERT INTO lexvault.built_in_role_permissions (role, permission) VALUES
    ('administrator', 'conflicts.check.all'),
    ('intake_coordinator', 'conflicts.check.all');
