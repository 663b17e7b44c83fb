"""Field types of magnum's versioned objects.

Each enum lists its values as class constants (``ClusterStatus.CREATE_...``)
so that callers never spell a status as a bare string.
"""

from oslo_versionedobjects import fields


class ClusterStatus(fields.Enum):
    CREATE_IN_PROGRESS = 'CREATE_IN_PROGRESS'
    CREATE_FAILED = 'CREATE_FAILED'
    CREATE_COMPLETE = 'CREATE_COMPLETE'
    UPDATE_IN_PROGRESS = 'UPDATE_IN_PROGRESS'
    UPDATE_FAILED = 'UPDATE_FAILED'
    UPDATE_COMPLETE = 'UPDATE_COMPLETE'
    DELETE_IN_PROGRESS = 'DELETE_IN_PROGRESS'
    DELETE_FAILED = 'DELETE_FAILED'
    DELETE_COMPLETE = 'DELETE_COMPLETE'
    RESUME_COMPLETE = 'RESUME_COMPLETE'
    RESUME_FAILED = 'RESUME_FAILED'
    RESTORE_COMPLETE = 'RESTORE_COMPLETE'
    ROLLBACK_IN_PROGRESS = 'ROLLBACK_IN_PROGRESS'
    ROLLBACK_FAILED = 'ROLLBACK_FAILED'
    ROLLBACK_COMPLETE = 'ROLLBACK_COMPLETE'
    SNAPSHOT_COMPLETE = 'SNAPSHOT_COMPLETE'
    CHECK_COMPLETE = 'CHECK_COMPLETE'
    ADOPT_COMPLETE = 'ADOPT_COMPLETE'

    ALL = (CREATE_IN_PROGRESS, CREATE_FAILED, CREATE_COMPLETE,
           UPDATE_IN_PROGRESS, UPDATE_FAILED, UPDATE_COMPLETE,
           DELETE_IN_PROGRESS, DELETE_FAILED, DELETE_COMPLETE,
           RESUME_COMPLETE, RESUME_FAILED, RESTORE_COMPLETE,
           ROLLBACK_IN_PROGRESS, ROLLBACK_FAILED, ROLLBACK_COMPLETE,
           SNAPSHOT_COMPLETE, CHECK_COMPLETE, ADOPT_COMPLETE)
    STATUS_FAILED = (CREATE_FAILED, UPDATE_FAILED, DELETE_FAILED,
                     ROLLBACK_FAILED, RESUME_FAILED)
    IN_PROGRESS = (CREATE_IN_PROGRESS, UPDATE_IN_PROGRESS,
                   DELETE_IN_PROGRESS, ROLLBACK_IN_PROGRESS)

    def __init__(self):
        super().__init__(valid_values=ClusterStatus.ALL)


class ClusterHealthStatus(fields.Enum):
    HEALTHY = 'HEALTHY'
    UNHEALTHY = 'UNHEALTHY'
    UNKNOWN = 'UNKNOWN'

    ALL = (HEALTHY, UNHEALTHY, UNKNOWN)

    def __init__(self):
        super().__init__(valid_values=ClusterHealthStatus.ALL)


class ClusterType(fields.Enum):
    """The container orchestration engines (``coe``) magnum knows of."""

    KUBERNETES = 'kubernetes'
    SWARM = 'swarm'
    SWARM_MODE = 'swarm-mode'
    MESOS = 'mesos'

    ALL = (KUBERNETES, SWARM, SWARM_MODE, MESOS)

    def __init__(self):
        super().__init__(valid_values=ClusterType.ALL)


class ServerType(fields.Enum):
    VM = 'vm'
    BM = 'bm'

    ALL = (VM, BM)

    def __init__(self):
        super().__init__(valid_values=ServerType.ALL)


class QuotaResourceName(fields.Enum):
    CLUSTER = 'Cluster'

    ALL = (CLUSTER,)

    def __init__(self):
        super().__init__(valid_values=QuotaResourceName.ALL)


class MagnumServiceState(fields.Enum):
    UP = 'up'
    DOWN = 'down'

    ALL = (UP, DOWN)

    def __init__(self):
        super().__init__(valid_values=MagnumServiceState.ALL)


class MagnumServiceBinary(fields.Enum):
    CONDUCTOR = 'magnum-conductor'

    ALL = (CONDUCTOR,)

    def __init__(self):
        super().__init__(valid_values=MagnumServiceBinary.ALL)


class OperationState(fields.Enum):
    """The life of a durable operation: pending, running, then final."""

    PENDING = 'pending'
    RUNNING = 'running'
    SUCCEEDED = 'succeeded'
    FAILED = 'failed'

    ALL = (PENDING, RUNNING, SUCCEEDED, FAILED)
    FINAL = (SUCCEEDED, FAILED)

    def __init__(self):
        super().__init__(valid_values=OperationState.ALL)


class ListOfDictsField(fields.AutoTypedField):
    AUTO_TYPE = fields.List(fields.Dict(fields.FieldType()))


class ClusterStatusField(fields.BaseEnumField):
    AUTO_TYPE = ClusterStatus()


class ClusterHealthStatusField(fields.BaseEnumField):
    AUTO_TYPE = ClusterHealthStatus()


class ClusterTypeField(fields.BaseEnumField):
    AUTO_TYPE = ClusterType()


class ServerTypeField(fields.BaseEnumField):
    AUTO_TYPE = ServerType()


class QuotaResourceNameField(fields.BaseEnumField):
    AUTO_TYPE = QuotaResourceName()


class MagnumServiceStateField(fields.BaseEnumField):
    AUTO_TYPE = MagnumServiceState()


class OperationStateField(fields.BaseEnumField):
    AUTO_TYPE = OperationState()


class DictOfAnyField(fields.AutoTypedField):
    """A dict of JSON-serialisable values (lists, numbers, strings...)."""

    AUTO_TYPE = fields.Dict(fields.FieldType())
