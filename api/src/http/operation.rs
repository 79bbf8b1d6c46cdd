//! What can be told about the operation a request runs before it runs: whether it is a
//! mutation (never run over GET) or a subscription (run over WebSocket), and which required variables it lacks. A missing required
//! variable is a request error in GraphQL over HTTP, but async-graphql only notices it when
//! a field reads the variable, and reports it as a field error; it is caught here instead.
//!
//! The document is parsed once, here, and kept in the request for execution. A document
//! that does not parse is left for execution to report.

use async_graphql::parser::types::{DocumentOperations, OperationDefinition, OperationType};
use async_graphql::{Request, ServerError, Value};

/// Whether the operation `request` runs is a mutation.
pub fn is_mutation(request: &mut Request) -> bool {
    let name = request.operation_name.clone();
    let Ok(document) = request.parsed_query() else {
        return false;
    };
    selected(&document.operations, name.as_deref())
        .is_some_and(|operation| operation.ty == OperationType::Mutation)
}

/// Whether the operation `request` runs is a subscription.
pub fn is_subscription(request: &mut Request) -> bool {
    let name = request.operation_name.clone();
    let Ok(document) = request.parsed_query() else {
        return false;
    };
    selected(&document.operations, name.as_deref())
        .is_some_and(|operation| operation.ty == OperationType::Subscription)
}

/// One error per required variable (non-null, with no default) of the operation `request`
/// runs that the request leaves out or sets to null; none when every one is given.
pub fn missing_required_variables(request: &mut Request) -> Vec<ServerError> {
    let name = request.operation_name.clone();
    let variables = std::mem::take(&mut request.variables);
    let mut errors = Vec::new();
    if let Ok(document) = request.parsed_query()
        && let Some(operation) = selected(&document.operations, name.as_deref())
    {
        for definition in &operation.variable_definitions {
            let definition = &definition.node;
            let var_type = &definition.var_type.node;
            let given = variables.get(definition.name.node.as_str());
            let problem = match given {
                _ if var_type.nullable => None,
                Some(Value::Null) => Some("must not be null"),
                None if definition.default_value.is_none() => Some("was not provided"),
                _ => None,
            };
            if let Some(problem) = problem {
                errors.push(ServerError::new(
                    format!(
                        "Variable \"${}\" of required type \"{var_type}\" {problem}.",
                        definition.name.node
                    ),
                    Some(definition.name.pos),
                ));
            }
        }
    }
    request.variables = variables;
    errors
}

/// The operation a request naming `name` runs, chosen as execution chooses it: an anonymous
/// operation only when no name is given, a named one by its name, a lone named one without.
fn selected<'a>(
    operations: &'a DocumentOperations,
    name: Option<&str>,
) -> Option<&'a OperationDefinition> {
    match (operations, name) {
        (DocumentOperations::Single(operation), None) => Some(&operation.node),
        (DocumentOperations::Single(_), Some(_)) => None,
        (DocumentOperations::Multiple(operations), Some(name)) => operations
            .iter()
            .find(|(key, _)| key.as_str() == name)
            .map(|(_, operation)| &operation.node),
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            operations.values().next().map(|operation| &operation.node)
        }
        (DocumentOperations::Multiple(_), None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::Variables;

    fn request(query: &str, operation: Option<&str>, variables: serde_json::Value) -> Request {
        let request = Request::new(query).variables(Variables::from_json(variables));
        match operation {
            Some(name) => request.operation_name(name),
            None => request,
        }
    }

    #[test]
    fn the_selected_operation_decides_whether_it_is_a_mutation() {
        let both = "query A { __typename } mutation B { __typename }";
        let json = serde_json::json!({});
        assert!(is_mutation(&mut request(
            "mutation { __typename }",
            None,
            json.clone()
        )));
        assert!(is_mutation(&mut request(both, Some("B"), json.clone())));
        assert!(!is_mutation(&mut request(both, Some("A"), json.clone())));
        assert!(!is_mutation(&mut request(both, None, json.clone())));
        assert!(!is_mutation(&mut request("{", None, json)));
    }

    #[test]
    fn required_variables_left_out_or_null_are_reported_and_others_are_not() {
        let query = "query($a: Int!, $b: Int!, $c: Int! = 1, $d: Int) { __typename }";
        let mut missing = request(query, None, serde_json::json!({ "b": null }));
        let messages: Vec<String> = missing_required_variables(&mut missing)
            .into_iter()
            .map(|error| error.message)
            .collect();
        assert_eq!(
            messages,
            [
                "Variable \"$a\" of required type \"Int!\" was not provided.",
                "Variable \"$b\" of required type \"Int!\" must not be null.",
            ]
        );
        assert_eq!(missing.variables.len(), 1, "the variables are put back");
        let mut given = request(query, None, serde_json::json!({ "a": 1, "b": 2 }));
        assert!(missing_required_variables(&mut given).is_empty());
    }
}
