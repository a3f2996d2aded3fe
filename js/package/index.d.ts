// Type definitions for taskjs-rs (copied to dist/index.d.ts by scripts/build.js).
//
// Two parts: the module's exports, and what loading the package adds to the global `connect` of
// Amazon Connect Streams. The global part merges with Streams' own declarations
// (amazon-connect-streams/src/index.d.ts) when a project has them, and compiles without them;
// `connect.ReferenceType.URL` and `connect.Agent` as a class come from Streams' declarations.

/** The reference types a task accepts. */
export type ReferenceTypeName = 'URL' | 'EMAIL' | 'NUMBER' | 'STRING' | 'DATE';

/** `ReferenceType`: each reference type, named by itself. */
export interface ReferenceTypes {
  readonly URL: 'URL';
  readonly EMAIL: 'EMAIL';
  readonly NUMBER: 'NUMBER';
  readonly STRING: 'STRING';
  readonly DATE: 'DATE';
}

// ---------------------------------------------------------------------------------------------
// Task sessions

/** The event names, passed to each subscriber as its second argument. */
export type TaskEventName =
  | 'TRANSFER_INITIATED'
  | 'TRANSFER_SUCCEEDED'
  | 'TRANSFER_FAILED'
  | 'TASK_EXPIRING'
  | 'TASK_EXPIRED'
  | 'INCOMING_MESSAGE'
  | 'CONNECTION_ESTABLISHED'
  | 'CONNECTION_BROKEN'
  | 'CONNECTION_LOST';

/** A task event: the parsed JSON of an `aws/task` websocket message, passed on as received. */
export interface TaskEventMessage {
  readonly ContentType?: string;
  readonly ContactId?: string;
  readonly InitialContactId?: string;
  readonly Id?: string;
  readonly AbsoluteTime?: string;
  readonly [field: string]: unknown;
}

/** What `connect()` resolves to (and, on failure, rejects with `connectSuccess: false`). */
export interface TaskConnectResult {
  readonly connectSuccess: boolean;
  readonly connectCalled: boolean;
}

/** Data of the connection hooks: `connect()`'s result, or `{}` for websocket events. */
export type TaskConnectionData = Partial<TaskConnectResult>;

/** Returned by every `onX`: removes that subscriber. */
export type Unsubscribe = () => void;

/** A subscriber: `(data, eventName)`. */
export type TaskSubscriber<D, E extends TaskEventName> = (data: D, eventName: E) => void;

/** A task contact's session, from `TaskSession.create` or Streams' `getMediaController()`. */
export interface TaskSession {
  onTransferInitiated(callback: TaskSubscriber<TaskEventMessage, 'TRANSFER_INITIATED'>): Unsubscribe;
  onTransferSucceeded(callback: TaskSubscriber<TaskEventMessage, 'TRANSFER_SUCCEEDED'>): Unsubscribe;
  onTransferFailed(callback: TaskSubscriber<TaskEventMessage, 'TRANSFER_FAILED'>): Unsubscribe;
  /** The service warns two hours before the task expires. */
  onTaskExpiring(callback: TaskSubscriber<TaskEventMessage, 'TASK_EXPIRING'>): Unsubscribe;
  onTaskExpired(callback: TaskSubscriber<TaskEventMessage, 'TASK_EXPIRED'>): Unsubscribe;
  /** Every message of this contact, after its specific event (if any). */
  onMessage(callback: TaskSubscriber<TaskEventMessage, 'INCOMING_MESSAGE'>): Unsubscribe;
  /** `connect()` succeeded (with its result), or the websocket connection came back (`{}`). */
  onConnectionEstablished(callback: TaskSubscriber<TaskConnectionData, 'CONNECTION_ESTABLISHED'>): Unsubscribe;
  /** The websocket manager failed to initialise. */
  onConnectionBroken(callback: TaskSubscriber<TaskConnectionData, 'CONNECTION_BROKEN'>): Unsubscribe;
  /** The websocket connection dropped. */
  onConnectionLost(callback: TaskSubscriber<TaskConnectionData, 'CONNECTION_LOST'>): Unsubscribe;
  /** Starts delivering this contact's `aws/task` messages. (An argument is ignored, as the JavaScript library ignores it.) */
  connect(args?: TaskSessionConnectArgs): Promise<TaskConnectResult>;
  /** Removes every subscriber and detaches from the websocket manager; safe at any time. */
  cleanUp(): void;
}

/** What a session uses of a websocket manager (Streams' `connect.core.getWebSocketManager()`). */
export interface TaskWebSocketManager {
  subscribeTopics(topics: string[]): unknown;
  onMessage(topic: string, callback: (message: { topic: string; content: string }) => void): unknown;
  onConnectionGain(callback: () => void): unknown;
  onConnectionLost(callback: () => void): unknown;
  onInitFailure(callback: () => void): unknown;
}

export interface TaskSessionOptions {
  readonly contactId: string;
  readonly initialContactId?: string;
  readonly websocketManager: TaskWebSocketManager | connect.WebSocketManager;
}

/** `TaskSession` / `connect.TaskSession`. */
export interface TaskSessionFactory {
  create(options: TaskSessionOptions): TaskSession;
  /**
   * Sets how long an agent request waits for its answer (default 60000 ms; 0: no limit). A request
   * with no answer by then ends in `failure` (or a rejected Promise) with a `TaskTimeoutError`. One
   * configuration governs the page, whichever copy of the bundle sets it. A bad value, or a key
   * it does not have, throws a `TypeError` naming the key, and nothing changes.
   */
  setGlobalConfig(config: TaskGlobalConfig): void;
}

/** `setGlobalConfig`'s config. */
export interface TaskGlobalConfig {
  /** Milliseconds, from 0 (no timeout) to 2147483647. */
  readonly requestTimeoutMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Agent methods

/**
 * `{success, failure}`: exactly one of them is called. A `failure` gets a `TaskValidationError`,
 * the service's error, or the error Streams' client threw.
 */
export interface TaskCallbacks<T> {
  success?(data: T): void;
  failure?(error: unknown, data?: unknown): void;
}

/**
 * Passed to `failure` (or rejected with) when an input breaks a documented limit; also what
 * `validateTask` returns, one per problem. Nothing was sent.
 */
export declare class TaskValidationError extends Error {
  constructor(message: string, fields: { readonly field: string });
  readonly name: 'TaskValidationError';
  /** The offending input, e.g. `name` or `references.ticket.value`. */
  readonly field: string;
}

/**
 * Passed to `failure` (or rejected with) when the client gave no answer in time
 * (`setGlobalConfig({requestTimeoutMs})`): the request's outcome is unknown. A plain task sent with
 * your own `idempotencyToken` can be retried with it without creating a second task.
 */
export declare class TaskTimeoutError extends Error {
  constructor(message: string, fields: { readonly method: string; readonly timeoutMs: number });
  readonly name: 'TaskTimeoutError';
  /** The client method, e.g. `createTemplatedTask`. */
  readonly method: string;
  readonly timeoutMs: number;
}

/**
 * What an agent method's promise rejects with when the service refuses the request. (A callback's
 * `failure` gets what Streams gives, unchanged: through the CCP, a JSON string of these fields.)
 */
export declare class TaskServiceError extends Error {
  constructor(message: string, fields: { readonly type?: string; readonly status?: number; readonly cause?: unknown });
  readonly name: 'TaskServiceError';
  /** The service's exception, e.g. `InvalidParameterException`. */
  readonly type: string | undefined;
  /** The HTTP status the service answered with, when Streams gives it. */
  readonly status: number | undefined;
  /** What Streams gave the failure callback, as it was. */
  readonly cause: unknown;
}

/** A task reference: NUMBER and DATE (epoch seconds) take numbers, the others strings. */
export type TaskReference =
  | { readonly type: 'URL' | 'EMAIL' | 'STRING'; readonly value: string }
  | { readonly type: 'NUMBER' | 'DATE'; readonly value: number | string };

/** References by name (each name at most 4096 characters). */
export interface TaskReferences {
  readonly [name: string]: TaskReference;
}

/** A quick connect, as `agent.getEndpoints()` lists them. */
export interface TaskEndpoint {
  readonly endpointARN: string;
  readonly endpointId?: string;
  readonly type?: string;
  readonly name?: string;
  readonly phoneNumber?: string | null;
  readonly agentLogin?: string | null;
  readonly queue?: string | null;
}

interface TaskFields {
  /** At most 512 characters. */
  readonly name: string;
  /** At most 4096 characters. */
  readonly description?: string;
  readonly references?: TaskReferences;
  /** Contact attributes: keys of letters, digits, `-` and `_`; at most 32768 bytes in all. */
  readonly attributes?: { readonly [key: string]: string };
  /** Links the task to this contact (1 to 256 characters). */
  readonly previousContactId?: string;
  /** Relates the task to this contact (1 to 256 characters). */
  readonly relatedContactId?: string;
  /** When to deliver the task, in epoch seconds (at most 6 days ahead). */
  readonly scheduledTime?: number;
  /** Passed through as given. */
  readonly segmentAttributes?: { readonly [key: string]: unknown };
}

/** `createTask` input for a task without a template: `endpoint` is required. */
export interface NewTask extends TaskFields {
  readonly endpoint: TaskEndpoint;
  readonly taskTemplateId?: undefined;
  /** Sent as given (at most 500 characters); without it, a fresh UUID v4 per call. */
  readonly idempotencyToken?: string;
}

/** `createTask` input for a task from a template (sent with capitalised keys). */
export interface NewTemplatedTask extends TaskFields {
  readonly taskTemplateId: string;
  /** Optional: its quick connect id (from `endpointARN`) is sent. */
  readonly endpoint?: TaskEndpoint;
  /** Sent as given, instead of one from `endpoint`. */
  readonly quickConnectId?: string;
}

/** `updateContact` input: a task created from a template. */
export interface TaskUpdate {
  readonly contactId: string;
  readonly name?: string;
  readonly description?: string;
  readonly references?: TaskReferences;
}

export interface TaskTemplateQuery {
  /** Lower case is accepted and sent upper-cased. */
  readonly status?: 'ACTIVE' | 'INACTIVE' | 'active' | 'inactive';
  /** An integer from 1 to 100. */
  readonly maxResults?: number;
  readonly nextToken?: string;
}

export interface TaskTemplateParams {
  readonly id: string;
  readonly version?: string | number;
}

/** The results, as the service returns them. */
export interface CreateTaskResult {
  readonly contactId?: string;
  readonly ContactId?: string;
  readonly [field: string]: unknown;
}
export interface TaskTemplateSummary {
  readonly Id?: string;
  readonly Name?: string;
  readonly Status?: string;
  readonly [field: string]: unknown;
}
export interface TaskTemplateList {
  readonly TaskTemplates?: readonly TaskTemplateSummary[];
  readonly NextToken?: string;
  readonly [field: string]: unknown;
}
/** A template field's identity, as the service names one. */
export interface TaskTemplateFieldIdentifier {
  readonly Name?: string;
}
/** A field of a template (TaskTemplateField). */
export interface TaskTemplateField {
  readonly Id?: TaskTemplateFieldIdentifier;
  readonly Type?: string;
  readonly Description?: string;
  readonly SingleSelectOptions?: readonly string[];
}
/** What `getTaskTemplate` gives (the service's GetTaskTemplate answer). */
export interface TaskTemplate {
  readonly Id?: string;
  readonly Name?: string;
  readonly Status?: string;
  readonly Fields?: readonly TaskTemplateField[];
  readonly Constraints?: {
    readonly RequiredFields?: readonly { readonly Id?: TaskTemplateFieldIdentifier }[];
    readonly ReadOnlyFields?: readonly { readonly Id?: TaskTemplateFieldIdentifier }[];
    readonly InvisibleFields?: readonly { readonly Id?: TaskTemplateFieldIdentifier }[];
  };
  readonly Defaults?: {
    readonly DefaultFieldValues?: readonly { readonly Id?: TaskTemplateFieldIdentifier; readonly DefaultValue?: string }[];
  };
  readonly [field: string]: unknown;
}

/** `connect.TaskJS.stats()`: counts for leak hunting. */
export interface TaskJSStats {
  readonly sessions: number;
  readonly connectedSessions: number;
  readonly attachedManagers: number;
  /** Bytes allocated in the wasm heap (release builds). */
  readonly heapBytesInUse?: number;
  /** Failed calls recovered from with a fresh WebAssembly instance (each is also logged). */
  readonly recoveries: number;
}

// ---------------------------------------------------------------------------------------------
// The module's exports (also installed on the global `connect`)

export declare const TaskSession: TaskSessionFactory;
export declare const ReferenceType: ReferenceTypes;
/** The version of this build (also `connect.TaskJS.version`). */
export declare const version: string;
/**
 * Every problem of `task` against `template` (what `getTaskTemplate` gives), before anything is
 * sent: the template is active and named by `taskTemplateId`, required fields have values,
 * read-only fields keep their default, invisible fields are not set, each reference named after a
 * field has the field's reference type and a value of its kind, and what `createTask` checks.
 * `[]` when the task satisfies the template. Also `connect.TaskJS.validateTask`.
 * @throws TypeError when `template` is not a template object or `task` not an object.
 */
export declare function validateTask(task: NewTask | NewTemplatedTask | object, template: TaskTemplate): TaskValidationError[];

// ---------------------------------------------------------------------------------------------
// What loading the package adds to the global `connect`

declare global {
  namespace connect {
    const TaskSession: TaskSessionFactory;
    const TaskJS: {
      readonly version: string;
      stats(): TaskJSStats;
      validateTask: typeof validateTask;
      TaskValidationError: typeof TaskValidationError;
      TaskTimeoutError: typeof TaskTimeoutError;
      TaskServiceError: typeof TaskServiceError;
    };

    /** Merges with Streams' `enum ReferenceType { URL }`. */
    enum ReferenceType {
      EMAIL = 'EMAIL',
      NUMBER = 'NUMBER',
      STRING = 'STRING',
      DATE = 'DATE',
    }

    /** Streams' websocket manager (declared by Streams; empty here so this compiles alone). */
    interface WebSocketManager {}

    /**
     * Merges with Streams' `class TaskConnection`, whose `getMediaController()` gives
     * `Promise<any>`: at run time it resolves to a session of this package. A global
     * augmentation merges after Streams' global declarations, so TypeScript tries this
     * signature first. (Streams' `getAgentConnection()` returns `BaseConnection`: narrow it
     * with `instanceof connect.TaskConnection` first.)
     */
    interface TaskConnection {
      getMediaController(): Promise<TaskSession>;
    }

    /** Each method: with `callbacks` it returns nothing; without, a Promise of the result. */
    interface Agent {
      createTask(task: NewTask | NewTemplatedTask, callbacks: TaskCallbacks<CreateTaskResult>): void;
      createTask(task: NewTask | NewTemplatedTask): Promise<CreateTaskResult>;
      updateContact(task: TaskUpdate, callbacks: TaskCallbacks<unknown>): void;
      updateContact(task: TaskUpdate): Promise<unknown>;
      listTaskTemplates(queryParams: TaskTemplateQuery, callbacks: TaskCallbacks<TaskTemplateList>): void;
      listTaskTemplates(queryParams: TaskTemplateQuery): Promise<TaskTemplateList>;
      getTaskTemplate(templateParams: TaskTemplateParams, callbacks: TaskCallbacks<TaskTemplate>): void;
      getTaskTemplate(templateParams: TaskTemplateParams): Promise<TaskTemplate>;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The names of amazon-connect-taskjs 2.1.0's declarations (namespace AmazonConnectTaskJS), so that
// code written against them compiles with these in their place: each means the same as ours.
// Where theirs are wrong, ours stay right: a connection hook's data is `{}` or connect()'s result,
// not a message (so a message's fields are optional); createTask's success data is typed (a
// templated task's carries `ContactId`); a plain task needs an endpoint; a template's fields are
// capitalised (`Id`, `Name`, `Fields`), as the service sends them.

/** The event ContentTypes, by the name of their hook. */
export interface ContentTypes {
  transferSucceeded: 'application/vnd.amazonaws.connect.event.transfer.succeeded';
  transferFailed: 'application/vnd.amazonaws.connect.event.transfer.failed';
  transferInitiated: 'application/vnd.amazonaws.connect.event.transfer.initiated';
  taskExpiring: 'application/vnd.amazonaws.connect.event.expire.warning';
  taskExpired: 'application/vnd.amazonaws.connect.event.expire.complete';
}
/** A reference type's name, as `ReferenceType.URL` & co. give it. */
export type ReferenceType = ReferenceTypeName;
/** A hook's callback, with the data the hook delivers. */
export type TaskEventCallback = (message: TaskEventMessage) => void;
/** `{success, failure}` of an agent method. */
export interface ApiCallbacks<T = any> {
  success?: (data: T) => void;
  failure?: (error: any) => void;
}
export type CreateTaskContact = NewTask | NewTemplatedTask;
export type UpdateTaskContact = TaskUpdate;
export type ListTaskTemplatesParams = TaskTemplateQuery;
export type CreateTaskResponse = CreateTaskResult;
export type TaskTemplatesList = TaskTemplateList;
/** `connect()`'s argument, which it ignores. */
export interface TaskSessionConnectArgs {
  readonly [key: string]: unknown;
}
export type TaskSessionCreateArgs = TaskSessionOptions;
export type TaskSessionObject = TaskSessionFactory;
/** Streams' `connect.Agent`, with the methods TaskJS adds. */
export type Agent = connect.Agent;
/** A task contact's agent connection, as Streams gives it. */
export interface Connection {
  getMediaController(): Promise<TaskSession>;
}

/** The script-tag global: the same names, for pages that load the bundle by script tag. */
export as namespace AmazonConnectTaskJS;
