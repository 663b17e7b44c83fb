"""Index nodegroup (project_id, node_count) for the node statistics.

The node sum of ``/v1/stats`` reads only these two columns; with them
in one index it no longer scans the nodegroup rows. The index starts
with ``project_id``, so it replaces the single-column one.

Revision ID: 0002_nodegroup_node_count_index
Revises: 0001_initial
Create Date: 2026-11-25 19:45:00
"""

from alembic import op

revision = '0002_nodegroup_node_count_index'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('nodegroup') as batch_op:
        batch_op.create_index('nodegroup_project_id_node_count_idx',
                              ['project_id', 'node_count'])
        batch_op.drop_index('nodegroup_project_id_idx')
