// Types of taskjs-rs/testing: a simulated Amazon Connect CCP for an agent desktop's tests.
// See testing/README.md for what each control does.

/** A task contact's state, as Streams names it (`connect.ContactStateType`). */
export type ContactState = 'connecting' | 'connected' | 'paused' | 'ended' | 'missed' | 'rejected' | 'error';

/** The aws/task events the simulator sends (TaskJS: onTransferInitiated, ... onTaskExpired). */
export type TaskEventKind = 'transferInitiated' | 'transferSucceeded' | 'transferFailed' | 'expireWarning' | 'expireComplete';

/** A quick connect that `agent.getEndpoints()` returns. */
export interface QuickConnect {
  type: 'agent' | 'queue' | 'phone_number';
  name: string;
  /** The id its ARN ends with (default: derived from the name, the same on every run). */
  id?: string;
  /** type 'queue': the routing profile queue it sends to (default: the queue named `name`). */
  queue?: string;
  phoneNumber?: string;
  agentLogin?: string;
}

/** Who the simulated agent is. Every field is optional (see DEFAULT_AGENT). */
export interface AgentProfile {
  name?: string;
  username?: string;
  /** Offered tasks are accepted at once (the agent's auto-accept setting). Default false. */
  autoAccept?: boolean;
  routingProfile?: {
    name?: string;
    id?: string;
    queues?: Array<string | { name: string; id?: string }>;
  };
  /** Default: the agent itself, one per queue, and a phone number. */
  quickConnects?: QuickConnect[];
}

export type TemplateFieldType =
  | 'NAME' | 'DESCRIPTION' | 'SCHEDULED_TIME' | 'QUICK_CONNECT' | 'URL' | 'EMAIL' | 'NUMBER'
  | 'DATE_TIME' | 'TEXT' | 'TEXT_AREA' | 'SINGLE_SELECT' | 'BOOLEAN';

export interface TaskTemplateField {
  Id: { Name: string };
  Type: TemplateFieldType;
  Description?: string;
  SingleSelectOptions?: string[];
}

export interface FieldIdentifier {
  Id: { Name: string };
}

/** A task template as GetTaskTemplate returns it. */
export interface TaskTemplate {
  Id: string;
  Arn: string;
  InstanceId: string;
  Name: string;
  Description: string;
  ContactFlowId: string;
  Status: 'ACTIVE' | 'INACTIVE';
  Fields: TaskTemplateField[];
  Constraints: { RequiredFields: FieldIdentifier[]; ReadOnlyFields: FieldIdentifier[]; InvisibleFields: FieldIdentifier[] };
  Defaults: { DefaultFieldValues: Array<{ Id: { Name: string }; DefaultValue: string }> };
  Tags: Record<string, string>;
  CreatedTime: number;
  LastModifiedTime: number;
  Version: string;
}

/** A template given to the simulator: the GetTaskTemplate shape; what is missing is filled in. */
export type TaskTemplateInput = Partial<TaskTemplate> & { Id: string; Name: string };

/** taskTemplate()'s short description of a template. */
export interface TaskTemplateSpec {
  name: string;
  id?: string;
  description?: string;
  status?: 'ACTIVE' | 'INACTIVE';
  contactFlowId?: string;
  fields?: Array<{ name: string; type: TemplateFieldType; description?: string; options?: string[] }>;
  required?: string[];
  readOnly?: string[];
  invisible?: string[];
  defaults?: Record<string, string>;
}

export interface Reference {
  type: 'URL' | 'EMAIL' | 'NUMBER' | 'STRING' | 'DATE';
  value: string | number;
}

/** A task contact that reaches the agent (addTask, options.contacts). */
export interface TaskSpec {
  contactId?: string;
  initialContactId?: string;
  previousContactId?: string;
  relatedContactId?: string;
  name?: string;
  description?: string;
  references?: Record<string, Reference>;
  attributes?: Record<string, string>;
  /** Epoch seconds: the task reaches the agent when the simulator's clock gets there. */
  scheduledTime?: number;
  /** A template of the simulator (snapshot channelContext.taskTemplateId). */
  templateId?: string;
  /** A queue of the agent's routing profile, by name. */
  queue?: string;
  /** connecting: offered (default); connected: already accepted. */
  state?: 'connecting' | 'connected';
  /** When it expires (epoch ms or a Date); default seven days after it arrives. */
  expiresAt?: number | Date;
}

export interface SimulatorOptions {
  agent?: AgentProfile;
  /** Default: SAMPLE_TEMPLATES. */
  templates?: TaskTemplateInput[];
  /** Task contacts the agent has when the CCP loads (default state: connected). */
  contacts?: TaskSpec[];
  /** Milliseconds before a task created through the API reaches the agent. Default 0. */
  deliveryDelay?: number;
  /** Whether created tasks reach this agent. Default true. */
  deliverCreatedTasks?: boolean;
  /** The default timeout of the waits, in milliseconds. Default 2000. */
  timeout?: number;
}

export interface SimulateCcpOptions extends SimulatorOptions {
  /** The URL for initCCP (default DEFAULT_CCP_URL); an iframe loading it is the CCP too. */
  ccpUrl?: string;
  /** The page's window (default: the global one, as in a jsdom test environment). */
  window?: { document: unknown; MutationObserver: unknown; [key: string]: any };
}

export interface ContactView {
  contactId: string;
  initialContactId: string;
  previousContactId: string | null;
  name: string;
  description: string;
  references: Record<string, Reference>;
  attributes: Record<string, string>;
  scheduledTime: number | null;
  templateId: string | null;
  queue: string | null;
  state: ContactState;
  connectionState: 'connecting' | 'connected' | 'disconnected';
  /** Epoch ms on the simulator's clock. */
  expiresAt: number;
  /** A transfer under way: the quick connect's name and the request that started it. */
  transfer: { to: string | null; method: string } | null;
}

export interface Cleared {
  contactId: string;
  state: 'cleared';
}

/** An error as the CCP passes it to a failure callback (JSON-encoded there). */
export interface ServiceError {
  type: string;
  message: string;
  /** Task template methods (listTaskTemplates, getTaskTemplate, createTemplatedTask, updateContact). */
  status?: number;
  /** The agent API's other methods. */
  statusCode?: number;
  retryStatus?: string;
  stack?: string[];
}

/** One request the page sent through the CCP. */
export interface CallRecord {
  method: string;
  params: any;
  /** Epoch ms on the simulator's clock. */
  at: number;
  status: 'pending' | 'answered' | 'failed' | 'unanswered';
  data?: any;
  error?: ServiceError;
}

export interface TaskEventContent {
  AbsoluteTime: string;
  ContentType: string;
  Type: 'EVENT';
  Id: string;
  ContactId: string;
  InitialContactId: string;
  [field: string]: unknown;
}

export interface TaskEventResult {
  /** false when the websocket was down or nobody had subscribed to aws/task: the event is lost. */
  delivered: boolean;
  content: TaskEventContent;
}

export interface SentTaskEvent extends TaskEventResult {
  kind: TaskEventKind;
  contactId: string;
}

/** What the next call of a method gets instead of the simulated answer. */
export type Answer =
  | { fail: { type?: string; message?: string; status?: number }; delay?: number }
  | { delay: number }
  | { never: true };

export interface WaitOptions {
  /** Milliseconds; default the simulator's timeout (2000). */
  timeout?: number;
}

export interface SimulatorState {
  instanceId: string;
  streamsVersion: string | null;
  pages: number;
  now: number;
  agent: { name: string; offline: boolean };
  websocket: { online: boolean; initFailed: boolean; topics: string[] };
  contacts: ContactView[];
  counts: Record<string, number>;
}

/** A simulated CCP: every control returns a Promise, whichever mode runs the simulator. */
export declare class Ccp {
  /** The URL to give connect.core.initCCP. */
  readonly ccpUrl: string;
  /** Ends the simulator: pending waits fail, its pages are no longer answered. */
  close(): Promise<void>;

  setAgent(profile: AgentProfile): Promise<{ name: string; quickConnects: string[] }>;
  setTemplates(templates: TaskTemplateInput[]): Promise<{ templates: string[] }>;

  addTask(task?: TaskSpec): Promise<{ contactId: string; initialContactId: string }>;
  acceptTask(contactId: string): Promise<ContactView>;
  rejectTask(contactId: string): Promise<ContactView>;
  missTask(contactId: string): Promise<ContactView>;
  endTask(contactId: string): Promise<ContactView>;
  clearTask(contactId: string): Promise<Cleared>;
  pauseTask(contactId: string): Promise<ContactView>;
  resumeTask(contactId: string): Promise<ContactView>;

  transferInitiated(contactId: string): Promise<TaskEventResult>;
  transferSucceeded(contactId: string, options?: { newContactId?: string | true; deliver?: boolean }): Promise<TaskEventResult & { contactId: string; initialContactId: string }>;
  transferFailed(contactId: string): Promise<TaskEventResult>;
  expireWarning(contactId: string): Promise<TaskEventResult>;
  expire(contactId: string): Promise<TaskEventResult>;
  taskEvent(contactId: string, kind: TaskEventKind, options?: { fields?: Record<string, unknown> }): Promise<TaskEventResult>;
  sendTaskMessage(content: string | Record<string, unknown>, options?: { topic?: string }): Promise<{ delivered: boolean }>;

  websocketLost(): Promise<{ websocket: 'connected' | 'down' }>;
  websocketGained(): Promise<{ websocket: 'connected' | 'down' }>;
  websocketInitFailure(): Promise<{ websocket: 'connected' | 'down' }>;

  answerNext(method: string, answer: Answer, options?: { times?: number }): Promise<{ queued: number }>;
  clearAnswers(): Promise<Record<string, never>>;

  advanceClock(ms: number): Promise<{ now: number }>;
  now(): Promise<number>;

  calls(filter?: { method?: string }): Promise<CallRecord[]>;
  state(): Promise<SimulatorState>;
  contact(contactId: string): Promise<ContactView | null>;
  taskEvents(): Promise<SentTaskEvent[]>;
  reset(): Promise<Record<string, never>>;

  ready(options?: WaitOptions): Promise<{ pages: number; streamsVersion: string | null }>;
  nextCall(method: string, options?: WaitOptions): Promise<CallRecord>;
  waitForContact(contactId: string, state: 'cleared', options?: WaitOptions): Promise<Cleared>;
  waitForContact(contactId: string, state: ContactState, options?: WaitOptions): Promise<ContactView>;
}

export interface CcpServer {
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
  /** A new simulated CCP with its own CCP URL on this server. */
  simulator(options?: SimulatorOptions): Ccp;
  /** Stops every simulator and the server. */
  close(): Promise<void>;
}

/** A simulated CCP in this process, under the page's Streams in jsdom. */
export declare function simulateCcp(options?: SimulateCcpOptions): Ccp;
/** An HTTP server that serves simulated CCPs to a real browser. Node only. */
export declare function startCcpServer(options?: { port?: number; host?: string }): Promise<CcpServer>;
/** Controls a simulator that another process serves, from its CCP URL. */
export declare function connectCcp(ccpUrl: string): Ccp;
/** Resolves with the condition's first truthy value; rejects after `timeout` ms naming `what`. */
export declare function waitUntil<T>(condition: () => T | Promise<T>, options?: { timeout?: number; interval?: number; what?: string }): Promise<T>;
/** A GetTaskTemplate-shaped template from a short description. */
export declare function taskTemplate(spec: TaskTemplateSpec): TaskTemplate;

export declare const SAMPLE_TEMPLATES: readonly TaskTemplate[];
export declare const DEFAULT_AGENT: Readonly<Required<Omit<AgentProfile, 'quickConnects'>> & { quickConnects: null }>;
export declare const DEFAULT_CCP_URL: string;
export declare const CONTACT_STATES: readonly ContactState[];
export declare const TASK_EVENT_KINDS: readonly TaskEventKind[];
export declare const CONTROL_NAMES: readonly string[];

/** A control used wrongly: an unknown contact or option, a step its state does not allow, a wait that timed out. */
export declare class SimulatorError extends Error {
  readonly name: 'SimulatorError';
}
