//! The people a bulk write on PostgreSQL creates, written together. There every statement
//! is a round trip, and a new person with their aliases cost two: the ids are reserved from
//! the sequence a few hundred at a time instead, and the rows and aliases are inserted in a
//! few multi-row statements before the batch's statements refer to them.

use crate::entity::{person, person_alias};
use crate::{StorageError, StorageResult};
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, Statement};

/// Ids reserved per query.
const RESERVED_PER_QUERY: usize = 256;

/// Rows per multi-row insert (people have 5 columns, aliases 4: far under the bound on
/// parameters).
const ROWS_PER_INSERT: usize = 1_000;

/// People and aliases created in the batch, not yet written.
#[derive(Default, Clone)]
pub(crate) struct NewPeople {
    /// Reserved ids not yet given out, the next one last.
    reserved: Vec<i64>,
    people: Vec<person::ActiveModel>,
    aliases: Vec<person_alias::ActiveModel>,
}

impl NewPeople {
    /// Gives `row` a reserved id and keeps it to be written; returns the id.
    pub(crate) async fn add<C: ConnectionTrait>(
        &mut self,
        db: &C,
        mut row: person::ActiveModel,
    ) -> StorageResult<i64> {
        if self.reserved.is_empty() {
            self.reserve(db).await?;
        }
        let id = self
            .reserved
            .pop()
            .ok_or_else(|| StorageError::Corrupt("no person id was reserved".into()))?;
        row.id = Set(id);
        self.people.push(row);
        Ok(id)
    }

    /// Keeps these alias rows to be written with the people.
    pub(crate) fn add_aliases(&mut self, rows: Vec<person_alias::ActiveModel>) {
        self.aliases.extend(rows);
    }

    async fn reserve<C: ConnectionTrait>(&mut self, db: &C) -> StorageResult<()> {
        let sql = format!(
            "SELECT nextval(pg_get_serial_sequence('people', 'id')) AS id \
             FROM generate_series(1, {RESERVED_PER_QUERY})"
        );
        let rows = db
            .query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
            .await?;
        let mut ids = rows
            .iter()
            .map(|row| row.try_get::<i64>("", "id"))
            .collect::<Result<Vec<_>, _>>()?;
        ids.sort_unstable_by(|a, b| b.cmp(a));
        self.reserved = ids;
        Ok(())
    }

    /// Writes the kept people, then their aliases (a key stored meanwhile stays its
    /// owner's, as in `insert_aliases`).
    pub(crate) async fn write<C: ConnectionTrait>(&mut self, db: &C) -> StorageResult<()> {
        for chunk in std::mem::take(&mut self.people).chunks(ROWS_PER_INSERT) {
            person::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(db)
                .await?;
        }
        for chunk in std::mem::take(&mut self.aliases).chunks(ROWS_PER_INSERT) {
            person_alias::Entity::insert_many(chunk.to_vec())
                .on_conflict_do_nothing_on([person_alias::Column::AliasKey])
                .exec_without_returning(db)
                .await?;
        }
        Ok(())
    }
}
