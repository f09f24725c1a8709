import { DurableObject } from "cloudflare:workers";

export class CabinetGate extends DurableObject<Env> {}
