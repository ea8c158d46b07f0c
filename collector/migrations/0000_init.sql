CREATE TABLE `accounts` (
	`domain` text PRIMARY KEY NOT NULL,
	`name` text,
	`industry` text,
	`employees` integer,
	`revenue` real,
	`country` text,
	`tier` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `accounts_name` ON `accounts` ("name" collate nocase);--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site` text NOT NULL,
	`id` text NOT NULL,
	`vid` text NOT NULL,
	`sid` text NOT NULL,
	`type` text NOT NULL,
	`ts` integer NOT NULL,
	`received_at` integer NOT NULL,
	`url` text NOT NULL,
	`path` text NOT NULL,
	`ref` text,
	`title` text,
	`name` text,
	`props` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_site_id` ON `events` (`site`,`id`);--> statement-breakpoint
CREATE INDEX `events_site_vid_seq` ON `events` (`site`,`vid`,`seq`);--> statement-breakpoint
CREATE INDEX `events_received_at` ON `events` (`received_at`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`site` text NOT NULL,
	`status` text DEFAULT 'anonymous' NOT NULL,
	`merged_into` text,
	`email` text,
	`domain` text,
	`first_name` text,
	`last_name` text,
	`company` text,
	`job_title` text,
	`company_size` text,
	`industry` text,
	`country` text,
	`phone` text,
	`first_touch` text,
	`bot` integer DEFAULT false NOT NULL,
	`fit` real DEFAULT 0 NOT NULL,
	`intent` real DEFAULT 0 NOT NULL,
	`grade` text,
	`state` text,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_activity_at` integer,
	`identified_at` integer,
	`qualified_at` integer,
	`intent_since_seq` integer DEFAULT 0 NOT NULL,
	`cooldown_until` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_site_email` ON `leads` (`site`,`email`);--> statement-breakpoint
CREATE INDEX `leads_status_qualified` ON `leads` (`status`,`qualified_at`,`id`);--> statement-breakpoint
CREATE INDEX `leads_status_updated` ON `leads` (`status`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `leads_updated` ON `leads` (`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `leads_domain` ON `leads` (`domain`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` text NOT NULL,
	`event_key` text NOT NULL,
	`url` text NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`delivered_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_event_url` ON `outbox` (`event_key`,`url`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`delivered_at`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`email_hash` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lead_id` text NOT NULL,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`at` integer NOT NULL,
	`reason` text,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `transitions_lead` ON `transitions` (`lead_id`,`at`);--> statement-breakpoint
CREATE TABLE `visitors` (
	`site` text NOT NULL,
	`vid` text NOT NULL,
	`lead_id` text NOT NULL,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL,
	`first_touch` text,
	`bot` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`site`, `vid`)
);
--> statement-breakpoint
CREATE INDEX `visitors_lead` ON `visitors` (`lead_id`);