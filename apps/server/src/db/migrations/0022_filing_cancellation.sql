-- The platform's document numbers (docs/decisions/028, platform/documents/numbering.ts): one counter per
-- kind and Beijing year, incremented in the transaction of the decision that issues the document.
CREATE TABLE IF NOT EXISTS "document_counters" (
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_counters_pk" PRIMARY KEY("kind","year"),
	CONSTRAINT "document_counters_seq_ck" CHECK ("document_counters"."last_seq" >= 1),
	CONSTRAINT "document_counters_year_ck" CHECK ("document_counters"."year" between 2000 and 2999)
);
