import GRDB

extension StoreMigration {
    /// `v2-attachment-renditions`: derived images of an attachment (a normalised 8-bit copy and a
    /// thumbnail) in their own table, and triggers that keep stored originals unchanged.
    ///
    /// `attachments` keeps only originals, so encounter queries (which select metadata, never
    /// `bytes`) stay free of blobs; renditions are fetched by attachment id when a front end
    /// asks for them. The triggers refuse a delete of an attachment or rendition and any change
    /// of an original's bytes, hash, size, media type, kind or author; the only update allowed
    /// is filling in the encounter or person of an attachment that had none (an image attached
    /// in a form before its encounter was saved). Shipped: never edit; add a new migration.
    static let renditions = StoreMigration(id: "v2-attachment-renditions") { db in
        try db.execute(sql: """
        CREATE TABLE attachment_renditions (
            id INTEGER PRIMARY KEY,
            attachment_id INTEGER NOT NULL REFERENCES attachments(id),
            kind TEXT NOT NULL CHECK (kind IN ('normalised', 'thumbnail')),
            media_type TEXT NOT NULL,
            width INTEGER NOT NULL CHECK (width > 0),
            height INTEGER NOT NULL CHECK (height > 0),
            byte_size INTEGER NOT NULL,
            bytes BLOB NOT NULL,
            UNIQUE (attachment_id, kind)
        );

        CREATE TRIGGER attachments_original_immutable
        BEFORE UPDATE OF kind, media_type, byte_size, sha256, bytes, created_at, created_by ON attachments
        BEGIN SELECT RAISE(ABORT, 'attachments keep originals unchanged: attach a new file instead'); END;
        CREATE TRIGGER attachments_owner_set_once
        BEFORE UPDATE OF person_id, encounter_id ON attachments
        WHEN (OLD.person_id IS NOT NULL AND NEW.person_id IS NOT OLD.person_id)
          OR (OLD.encounter_id IS NOT NULL AND NEW.encounter_id IS NOT OLD.encounter_id)
        BEGIN SELECT RAISE(ABORT, 'an attachment''s person and encounter are set once and never moved'); END;
        CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
        BEGIN SELECT RAISE(ABORT, 'attachments are never deleted'); END;
        CREATE TRIGGER attachment_renditions_no_update BEFORE UPDATE ON attachment_renditions
        BEGIN SELECT RAISE(ABORT, 'attachment renditions are never changed'); END;
        CREATE TRIGGER attachment_renditions_no_delete BEFORE DELETE ON attachment_renditions
        BEGIN SELECT RAISE(ABORT, 'attachment renditions are never deleted'); END;
        """)
    }
}
