/**
 * @module api/schema/batch-v1
 * Type schemas for batch/v1: Job (with pod failure and success policies) and CronJob.
 * Field names, proto numbers and patch tags follow upstream k8s.io/api v0.32; the words are ours.
 */
import { f, t, type, type FieldType, type TypeSchema } from './model.js';

const meta = (n: string): FieldType => t.ref(`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);
const core = (n: string): FieldType => t.ref(`io.k8s.api.core.v1.${n}`);
const local = (n: string): FieldType => t.ref(`io.k8s.api.batch.v1.${n}`);

export const batchV1Schemas: TypeSchema[] = [
  type(
    'io.k8s.api.batch.v1.Job',
    'Runs pods until a given number of them finish successfully.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('JobSpec'), 'Desired state of the Job.'),
      status: f(3, local('JobStatus'), 'Observed state of the Job, written by the system.'),
    },
    { gvk: [{ group: 'batch', version: 'v1', kind: 'Job' }] },
  ),

  type(
    'io.k8s.api.batch.v1.JobList',
    'A list of Job objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('Job')), 'The Job objects.', { required: true }),
    },
    { gvk: [{ group: 'batch', version: 'v1', kind: 'JobList' }] },
  ),

  type(
    'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement',
    'Matches failed pods by the exit codes of their containers.',
    {
      containerName: f(1, t.string, 'Only look at this container; all containers when empty.'),
      operator: f(2, t.string, 'Whether the exit code must be in or not in the listed values.', {
        enum: ['In', 'NotIn'],
        required: true,
      }),
      values: f(3, t.array(t.int32), 'Exit codes to compare against; a set of distinct numbers.', {
        listType: 'set',
        required: true,
      }),
    },
  ),

  type(
    'io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern',
    'Matches failed pods by one of their conditions.',
    {
      type: f(1, t.string, 'Pod condition type that must be present.', { required: true }),
      status: f(2, t.string, 'Condition status that must match; True unless set.', { required: true }),
    },
  ),

  type(
    'io.k8s.api.batch.v1.PodFailurePolicyRule',
    'One rule of a pod failure policy: a match and what to do.',
    {
      action: f(1, t.string, 'What the job controller does when the rule matches.', {
        enum: ['Count', 'FailIndex', 'FailJob', 'Ignore'],
        required: true,
      }),
      onExitCodes: f(2, local('PodFailurePolicyOnExitCodesRequirement'), 'Match on container exit codes.'),
      onPodConditions: f(
        3,
        t.array(local('PodFailurePolicyOnPodConditionsPattern')),
        'Match on pod conditions; any one pattern suffices.',
        { listType: 'atomic' },
      ),
    },
  ),

  type('io.k8s.api.batch.v1.PodFailurePolicy', 'Rules that decide how failed pods affect a Job.', {
    rules: f(1, t.array(local('PodFailurePolicyRule')), 'Checked in order; the first matching rule wins.', {
      listType: 'atomic',
      required: true,
    }),
  }),

  type('io.k8s.api.batch.v1.SuccessPolicy', 'Criteria that let an indexed Job succeed early.', {
    rules: f(1, t.array(local('SuccessPolicyRule')), 'The job succeeds as soon as any rule is satisfied.', {
      listType: 'atomic',
      required: true,
    }),
  }),

  type('io.k8s.api.batch.v1.SuccessPolicyRule', 'One way for an indexed Job to be declared successful.', {
    succeededIndexes: f(1, t.string, 'Index ranges (like "0,2-4") that must all have succeeded.'),
    succeededCount: f(2, t.int32, 'How many of the selected indexes must have succeeded.'),
  }),

  type('io.k8s.api.batch.v1.JobSpec', 'Desired behaviour of a Job.', {
    parallelism: f(1, t.int32, 'Most pods that may run at the same time.'),
    completions: f(2, t.int32, 'Successful pods needed before the job is done.'),
    activeDeadlineSeconds: f(3, t.int64, 'Seconds after start at which the job is stopped and failed.'),
    podFailurePolicy: f(11, local('PodFailurePolicy'), 'How pod failures are counted or acted upon.'),
    successPolicy: f(16, local('SuccessPolicy'), 'Early success criteria for indexed jobs.'),
    backoffLimit: f(7, t.int32, 'Retries allowed before the job is marked failed.'),
    backoffLimitPerIndex: f(12, t.int32, 'Retries allowed per index of an indexed job.'),
    maxFailedIndexes: f(13, t.int32, 'Failed indexes tolerated before the whole job fails.'),
    selector: f(4, meta('LabelSelector'), "Label query over the job's pods; normally generated."),
    manualSelector: f(5, t.boolean, 'When true, the selector is supplied by the user instead of generated.'),
    template: f(6, core('PodTemplateSpec'), 'Pod shape used to run the job.', { required: true }),
    ttlSecondsAfterFinished: f(
      8,
      t.int32,
      'Seconds after completion or failure before the job is deleted automatically.',
    ),
    completionMode: f(9, t.string, 'NonIndexed or Indexed, which gives each pod a completion index.', {
      enum: ['Indexed', 'NonIndexed'],
    }),
    suspend: f(10, t.boolean, 'When true, no pods are created and running ones are stopped.'),
    podReplacementPolicy: f(
      14,
      t.string,
      'When a replacement pod is created for a failing or terminating one.',
      { enum: ['Failed', 'TerminatingOrFailed'] },
    ),
    managedBy: f(15, t.string, 'Controller responsible for this job; the built-in one when empty.'),
  }),

  type('io.k8s.api.batch.v1.JobStatus', 'Observed state of a Job.', {
    conditions: f(1, t.array(local('JobCondition')), 'Latest known conditions of the job.', {
      mergeKey: 'type',
      patchStrategy: 'merge',
      listType: 'atomic',
    }),
    startTime: f(2, t.time, 'When the job controller first started the job.'),
    completionTime: f(3, t.time, 'When the job finished successfully.'),
    active: f(4, t.int32, 'Pods that are pending or running.'),
    succeeded: f(5, t.int32, 'Pods that reached the Succeeded phase.'),
    failed: f(6, t.int32, 'Pods that reached the Failed phase.'),
    terminating: f(11, t.int32, 'Pods that are being terminated.'),
    completedIndexes: f(7, t.string, 'Completed indexes of an indexed job, in range text form.'),
    failedIndexes: f(10, t.string, 'Failed indexes of an indexed job, in range text form.'),
    uncountedTerminatedPods: f(
      8,
      local('UncountedTerminatedPods'),
      'Finished pods whose result is not yet counted in the status.',
    ),
    ready: f(9, t.int32, 'Active pods that have a Ready condition.'),
  }),

  type(
    'io.k8s.api.batch.v1.UncountedTerminatedPods',
    "UIDs of finished pods not yet reflected in the Job's counters.",
    {
      succeeded: f(1, t.array(t.string), 'UIDs of succeeded pods awaiting counting.', { listType: 'set' }),
      failed: f(2, t.array(t.string), 'UIDs of failed pods awaiting counting.', { listType: 'set' }),
    },
  ),

  type('io.k8s.api.batch.v1.JobCondition', 'One observed condition of a Job.', {
    type: f(1, t.string, 'Kind of condition.', { required: true }),
    status: f(2, t.string, 'Observed state of the JobCondition, written by the system.', { required: true }),
    lastProbeTime: f(3, t.time, 'When the condition was last checked.'),
    lastTransitionTime: f(4, t.time, 'When the status last changed.'),
    reason: f(5, t.string, 'Machine-readable cause of the last status change.'),
    message: f(6, t.string, 'Human-readable details about the last change.'),
  }),

  type('io.k8s.api.batch.v1.JobTemplateSpec', 'The job a CronJob creates on each run.', {
    metadata: f(1, meta('ObjectMeta'), 'Metadata copied to each created job.'),
    spec: f(2, local('JobSpec'), 'Spec of each created job.'),
  }),

  type(
    'io.k8s.api.batch.v1.CronJob',
    'Creates Jobs on a repeating schedule.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(
        1,
        meta('ObjectMeta'),
        'Standard object metadata: name, namespace, labels, annotations and so on.',
      ),
      spec: f(2, local('CronJobSpec'), 'Desired state of the CronJob.'),
      status: f(3, local('CronJobStatus'), 'Observed state of the CronJob, written by the system.'),
    },
    { gvk: [{ group: 'batch', version: 'v1', kind: 'CronJob' }] },
  ),

  type(
    'io.k8s.api.batch.v1.CronJobList',
    'A list of CronJob objects.',
    {
      apiVersion: f(0, t.string, 'API group and version this object is written in, such as v1 or apps/v1.'),
      kind: f(0, t.string, "Name of the object's type, in CamelCase."),
      metadata: f(1, meta('ListMeta'), 'List metadata, including the resourceVersion the list was read at.'),
      items: f(2, t.array(local('CronJob')), 'The CronJob objects.', { required: true }),
    },
    { gvk: [{ group: 'batch', version: 'v1', kind: 'CronJobList' }] },
  ),

  type('io.k8s.api.batch.v1.CronJobSpec', 'Desired behaviour of a CronJob.', {
    schedule: f(1, t.string, 'Schedule in cron syntax.', { required: true }),
    timeZone: f(8, t.string, "IANA time zone the schedule is read in; the controller's zone when unset."),
    startingDeadlineSeconds: f(2, t.int64, 'Seconds a missed run may still start late.'),
    concurrencyPolicy: f(3, t.string, 'What to do when a run is due while the previous one still runs.', {
      enum: ['Allow', 'Forbid', 'Replace'],
    }),
    suspend: f(4, t.boolean, 'When true, no further runs are started.'),
    jobTemplate: f(5, local('JobTemplateSpec'), 'The job created for each run.', { required: true }),
    successfulJobsHistoryLimit: f(6, t.int32, 'Finished successful jobs to keep.'),
    failedJobsHistoryLimit: f(7, t.int32, 'Failed jobs to keep.'),
  }),

  type('io.k8s.api.batch.v1.CronJobStatus', 'Observed state of a CronJob.', {
    active: f(1, t.array(core('ObjectReference')), 'References to jobs that are running now.', {
      listType: 'atomic',
    }),
    lastScheduleTime: f(4, t.time, 'When a job was last started.'),
    lastSuccessfulTime: f(5, t.time, 'When a job last finished successfully.'),
  }),
];
