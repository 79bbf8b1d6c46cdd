//! One row per person and title. Two imports recording a new title of the same person at
//! the same moment stored it twice; a unique index makes the second an update of the
//! first. Rows stored twice before are merged first, keeping the widest days seen.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "idx_person_roles_person_title";

#[derive(DeriveIden)]
enum PersonRoles {
    Table,
    PersonId,
    Title,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE person_roles SET
                first_seen = (SELECT MIN(d.first_seen) FROM person_roles d
                              WHERE d.person_id = person_roles.person_id AND d.title = person_roles.title),
                last_seen = (SELECT MAX(d.last_seen) FROM person_roles d
                             WHERE d.person_id = person_roles.person_id AND d.title = person_roles.title)
             WHERE id IN (SELECT MIN(id) FROM person_roles GROUP BY person_id, title HAVING COUNT(*) > 1)",
        )
        .await?;
        db.execute_unprepared(
            "DELETE FROM person_roles
             WHERE id NOT IN (SELECT MIN(id) FROM person_roles GROUP BY person_id, title)",
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(PersonRoles::Table)
                    .col(PersonRoles::PersonId)
                    .col(PersonRoles::Title)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(PersonRoles::Table)
                    .to_owned(),
            )
            .await
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]

    use crate::Storage;
    use crate::migration::Migrator;
    use sea_orm::{ConnectionTrait, Statement};
    use sea_orm_migration::MigratorTrait;

    #[tokio::test]
    async fn a_title_stored_twice_becomes_one_row_with_the_widest_days() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}/quotegraph.db", dir.path().display());
        let storage = Storage::connect(&url).await.expect("the database opens");
        let db = &storage.writer;
        Migrator::up(db, Some(3))
            .await
            .expect("the first migrations run");
        db.execute_unprepared(
            "INSERT INTO people (id, name) VALUES (1, '陈嘉禾');
             INSERT INTO person_roles (person_id, title, first_seen, last_seen) VALUES
                 (1, '外长', '2021-03-02', '2021-03-05'),
                 (1, '外长', '2021-03-01', '2021-03-03'),
                 (1, '外长', NULL, NULL),
                 (1, '总理', '2021-01-01', '2021-01-01');",
        )
        .await
        .expect("titles stored twice");
        Migrator::up(db, None).await.expect("the migration runs");
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT title, first_seen, last_seen FROM person_roles ORDER BY title",
            ))
            .await
            .expect("the titles are read");
        let titles: Vec<(String, String, String)> = rows
            .iter()
            .map(|row| {
                (
                    row.try_get("", "title").expect("title"),
                    row.try_get("", "first_seen").expect("first_seen"),
                    row.try_get("", "last_seen").expect("last_seen"),
                )
            })
            .collect();
        let expected = [
            ("外长", "2021-03-01", "2021-03-05"),
            ("总理", "2021-01-01", "2021-01-01"),
        ]
        .map(|(t, f, l)| (t.to_owned(), f.to_owned(), l.to_owned()));
        assert_eq!(titles, expected);
        let again = db
            .execute_unprepared("INSERT INTO person_roles (person_id, title) VALUES (1, '外长')")
            .await;
        assert!(again.is_err(), "a title is stored once per person");
    }
}
