//! The operations of the pet store model: every parameter location and style, body
//! kind, response kind and security requirement the model has.

use super::super::build::*;
use super::*;

fn error_json() -> ResponseBody {
    ResponseBody::Json(named(ERROR))
}

pub(super) fn operations() -> Vec<Operation> {
    let mut list = Vec::new();

    let mut op = operation(
        "listPets",
        "list_pets",
        "ListPets",
        HttpMethod::Get,
        "/pets",
    );
    op.docs = docs(
        Some("List pets"),
        Some("Lists pets, [paged](https://example.com/paging)."),
    );
    op.params.push(param(
        "limit",
        "limit",
        ParamLocation::Query,
        TypeRef::Integer(IntFormat::I32),
        false,
    ));
    let mut status = param(
        "status",
        "status",
        ParamLocation::Query,
        array(named(PET_STATUS)),
        false,
    );
    status.explode = false;
    op.params.push(status);
    let mut tags = param(
        "tags",
        "tags",
        ParamLocation::Query,
        array(TypeRef::String),
        false,
    );
    tags.style = ParamStyle::PipeDelimited;
    tags.explode = false;
    op.params.push(tags);
    let mut words = param(
        "words",
        "words",
        ParamLocation::Query,
        array(TypeRef::String),
        false,
    );
    words.style = ParamStyle::SpaceDelimited;
    words.allow_reserved = true;
    op.params.push(words);
    let mut filter = param(
        "filter",
        "filter",
        ParamLocation::Query,
        map(TypeRef::String),
        false,
    );
    filter.style = ParamStyle::DeepObject;
    op.params.push(filter);
    op.params.push(param(
        "x_trace",
        "X-Trace",
        ParamLocation::Header,
        TypeRef::String,
        false,
    ));
    op.responses.push(response(
        StatusMatch::Code(200),
        "Ok",
        ResponseBody::Json(array(named(PET))),
        "A page of pets",
    ));
    op.responses.push(response(
        StatusMatch::Default,
        "Default",
        error_json(),
        "Unexpected error",
    ));
    op.security = vec![vec!["api_key".to_owned()], Vec::new()];
    list.push(op);

    let mut op = operation(
        "createPet",
        "create_pet",
        "CreatePet",
        HttpMethod::Post,
        "/pets",
    );
    op.body = Some(body(true, "application/json", BodyKind::Json(named(PET))));
    op.params.push(param(
        "idempotency_key",
        "Idempotency-Key",
        ParamLocation::Header,
        TypeRef::Uuid,
        false,
    ));
    op.responses.push(response(
        StatusMatch::Code(201),
        "Created",
        ResponseBody::Json(named(PET)),
        "Created",
    ));
    op.responses.push(response(
        StatusMatch::Code(400),
        "BadRequest",
        ResponseBody::None,
        "Bad request",
    ));
    op.responses.push(response(
        StatusMatch::Range(4),
        "ClientError",
        error_json(),
        "Client error",
    ));
    op.responses.push(response(
        StatusMatch::Range(5),
        "ServerError",
        ResponseBody::Text,
        "Server error",
    ));
    op.security = vec![vec!["oauth".to_owned(), "api_key".to_owned()]];
    list.push(op);

    let mut op = operation(
        "getPetById",
        "get_pet_by_id",
        "GetPetById",
        HttpMethod::Get,
        "/pets/{petId}",
    );
    op.docs = docs(
        Some("Find pet by ID"),
        Some("Returns a single pet.\n\n```\nlet pet = get();\n```"),
    );
    let mut id = param(
        "pet_id",
        "petId",
        ParamLocation::Path,
        TypeRef::Integer(IntFormat::I64),
        true,
    );
    id.docs = docs(None, Some("ID of pet to return"));
    op.params.push(id);
    let mut request_id = param(
        "x_request_id",
        "X-Request-Id",
        ParamLocation::Header,
        TypeRef::String,
        true,
    );
    request_id.docs = docs(None, Some("Correlates logs.\nSecond line."));
    op.params.push(request_id);
    let mut verbose = param(
        "verbose",
        "verbose",
        ParamLocation::Query,
        TypeRef::Bool,
        false,
    );
    verbose.docs = docs(Some("Include everything"), None);
    op.params.push(verbose);
    op.params.push(param(
        "session",
        "session",
        ParamLocation::Cookie,
        TypeRef::String,
        false,
    ));
    let mut where_ = param("where_", "where", ParamLocation::Query, named(PET), false);
    where_.content = Some("application/json".to_owned());
    op.params.push(where_);
    let mut old = param("old", "old", ParamLocation::Query, TypeRef::Bool, false);
    old.docs = deprecated(docs(None, Some("Ignored.")));
    op.params.push(old);
    op.responses.push(response(
        StatusMatch::Code(200),
        "Ok",
        ResponseBody::Json(named(PET)),
        "The pet",
    ));
    op.responses.push(response(
        StatusMatch::Code(404),
        "NotFound",
        error_json(),
        "Pet not found",
    ));
    op.responses.push(response(
        StatusMatch::Default,
        "Default",
        error_json(),
        "Unexpected error",
    ));
    op.security = vec![vec!["api_key".to_owned()]];
    list.push(op);

    let mut op = operation(
        "updatePet",
        "update_pet",
        "UpdatePet",
        HttpMethod::Patch,
        "/pets/{petId}",
    );
    let mut id = param("pet_id", "petId", ParamLocation::Path, named(PET_ID), true);
    id.style = ParamStyle::Label;
    id.explode = true;
    op.params.push(id);
    op.body = Some(body(
        false,
        "application/x-www-form-urlencoded",
        BodyKind::Form(named(PET)),
    ));
    op.responses.push(response(
        StatusMatch::Code(200),
        "Ok",
        ResponseBody::Json(named(PET)),
        "Updated",
    ));
    op.responses.push(response(
        StatusMatch::Code(204),
        "NoContent",
        ResponseBody::None,
        "Nothing changed",
    ));
    op.responses.push(response(
        StatusMatch::Code(418),
        "Status418",
        ResponseBody::None,
        "Teapot",
    ));
    list.push(op);

    let mut op = operation(
        "deletePet",
        "delete_pet",
        "DeletePet",
        HttpMethod::Delete,
        "/pets/{petId}",
    );
    op.docs = deprecated(docs(Some("Delete a pet"), None));
    let mut id = param(
        "pet_id",
        "petId",
        ParamLocation::Path,
        TypeRef::Integer(IntFormat::I64),
        true,
    );
    id.style = ParamStyle::Matrix;
    op.params.push(id);
    op.responses.push(response(
        StatusMatch::Code(204),
        "NoContent",
        ResponseBody::None,
        "Deleted",
    ));
    op.security = vec![vec!["basic".to_owned()], vec!["bearer".to_owned()]];
    list.push(op);

    let mut op = operation(
        "uploadPhoto",
        "upload_photo",
        "UploadPhoto",
        HttpMethod::Put,
        "/pets/{petId}/photo",
    );
    op.params.push(param(
        "pet_id",
        "petId",
        ParamLocation::Path,
        TypeRef::Integer(IntFormat::I64),
        true,
    ));
    op.body = Some(body(true, "image/png", BodyKind::Binary));
    op.responses.push(response(
        StatusMatch::Code(200),
        "Ok",
        ResponseBody::Binary,
        "The stored photo",
    ));
    op.responses.push(response(
        StatusMatch::Code(413),
        "PayloadTooLarge",
        ResponseBody::Text,
        "Too large",
    ));
    list.push(op);

    let mut op = operation(
        "searchNotes",
        "search_notes",
        "SearchNotes",
        HttpMethod::Get,
        "/notes",
    );
    op.params
        .push(param("q", "q", ParamLocation::Query, TypeRef::String, true));
    op.params.push(param(
        "page",
        "page",
        ParamLocation::Query,
        TypeRef::Integer(IntFormat::I32),
        true,
    ));
    op.params.push(param(
        "exact",
        "exact",
        ParamLocation::Query,
        TypeRef::Bool,
        true,
    ));
    op.params.push(param(
        "score",
        "score",
        ParamLocation::Query,
        TypeRef::Number(FloatFormat::F64),
        true,
    ));
    op.params.push(param(
        "since",
        "since",
        ParamLocation::Query,
        TypeRef::Date,
        true,
    ));
    op.params.push(param(
        "owner",
        "owner",
        ParamLocation::Query,
        TypeRef::Uuid,
        true,
    ));
    op.params.push(param(
        "labels",
        "labels",
        ParamLocation::Query,
        array(TypeRef::String),
        true,
    ));
    op.params.push(param(
        "status",
        "status",
        ParamLocation::Query,
        named(PET_STATUS),
        true,
    ));
    op.params.push(param(
        "x_stamp",
        "X-Stamp",
        ParamLocation::Header,
        TypeRef::DateTime,
        true,
    ));
    op.responses.push(response(
        StatusMatch::Code(200),
        "Ok",
        ResponseBody::Text,
        "Matching notes, as text",
    ));
    list.push(op);

    let mut op = operation(
        "postNote",
        "post_note",
        "PostNote",
        HttpMethod::Post,
        "/notes",
    );
    op.body = Some(RequestBody {
        docs: docs(None, Some("The note text.")),
        ..body(false, "text/plain", BodyKind::Text)
    });
    op.responses.push(response(
        StatusMatch::Default,
        "Default",
        ResponseBody::Json(TypeRef::Any),
        "Whatever happened",
    ));
    list.push(op);

    let mut op = operation(
        "intoArchive",
        "into_archive",
        "IntoArchive",
        HttpMethod::Get,
        "/archive",
    );
    op.responses.push(response(
        StatusMatch::Code(200),
        "Ok",
        ResponseBody::Json(named(ANIMAL)),
        "Index",
    ));
    op.responses.push(response(
        StatusMatch::Range(2),
        "Success",
        ResponseBody::Binary,
        "The archive",
    ));
    op.responses.push(response(
        StatusMatch::Code(202),
        "Accepted",
        ResponseBody::Text,
        "Being built",
    ));
    op.responses.push(response(
        StatusMatch::Range(3),
        "Redirection",
        ResponseBody::None,
        "Moved",
    ));
    op.security = vec![
        vec!["oidc".to_owned()],
        vec!["cookie_key".to_owned(), "query_key".to_owned()],
    ];
    list.push(op);

    let mut op = operation(
        "collide",
        "collide",
        "Collide",
        HttpMethod::Post,
        "/collide",
    );
    op.params.push(param(
        "options",
        "options",
        ParamLocation::Query,
        TypeRef::String,
        false,
    ));
    op.params.push(param(
        "client",
        "client",
        ParamLocation::Query,
        TypeRef::String,
        true,
    ));
    op.params.push(param(
        "body",
        "body",
        ParamLocation::Query,
        named(OLD_PET),
        false,
    ));
    op.params.push(param(
        "is_active",
        "is_active",
        ParamLocation::Query,
        TypeRef::Bool,
        false,
    ));
    op.params.push(param(
        "request_options",
        "request_options",
        ParamLocation::Query,
        TypeRef::Bool,
        false,
    ));
    op.body = Some(body(
        true,
        "application/merge-patch+json",
        BodyKind::Json(named(EMPTY)),
    ));
    op.responses.push(response(
        StatusMatch::Code(200),
        "Ok",
        ResponseBody::Json(named(8)),
        "Shape",
    ));
    op.responses.push(response(
        StatusMatch::Code(500),
        "InternalServerError",
        ResponseBody::Json(named(9)),
        "Odd",
    ));
    list.push(op);

    let mut op = operation("head", "head_pets", "HeadPets", HttpMethod::Head, "/pets");
    op.docs = docs(None, Some("Only checks the pets exist."));
    list.push(op);

    list
}
