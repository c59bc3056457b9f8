//! A pet store model that uses every variant of the model.

use serde_json::json;

use super::build::*;
use crate::model::*;

const PET: usize = 0;
const PET_STATUS: usize = 1;
const PET_ID: usize = 2;
const DOG: usize = 3;
const CAT: usize = 4;
const ANIMAL: usize = 5;
const CIRCLE: usize = 6;
const SQUARE: usize = 7;
const ERROR: usize = 10;
const EMPTY: usize = 14;
const OLD_PET: usize = 15;

fn pet() -> TypeDef {
    let mut fields = vec![
        field("id", "id", TypeRef::Integer(IntFormat::I64), true),
        field("name", "name", TypeRef::String, true),
        field("tag", "tag", TypeRef::String, false),
    ];
    let mut status = field("status", "status", named(PET_STATUS), false);
    status.default = Some(json!("available"));
    status.docs = docs(Some("Pet status in the store"), None);
    fields.push(status);
    let mut parent = field("parent", "parent", named(PET), false);
    parent.boxed = true;
    fields.push(parent);
    let mut nickname = field("nickname", "nickname", TypeRef::String, true);
    nickname.nullable = true;
    fields.push(nickname);
    let mut note = field("note", "note", TypeRef::String, false);
    note.nullable = true;
    note.docs = docs(
        None,
        Some("Absent leaves the note alone; `null` clears it."),
    );
    fields.push(note);
    fields.push(field("photo", "photo", TypeRef::Base64, true));
    fields.push(field("thumbnail", "thumbnail", TypeRef::Base64, false));
    let mut raw = field("raw", "raw", TypeRef::Base64, true);
    raw.nullable = true;
    fields.push(raw);
    fields.push(field("born", "born", TypeRef::Date, false));
    let mut updated = field("updated_at", "updatedAt", TypeRef::DateTime, true);
    updated.read_only = true;
    fields.push(updated);
    let mut secret = field("secret", "secret", TypeRef::String, true);
    secret.write_only = true;
    fields.push(secret);
    fields.push(field("uid", "uid", TypeRef::Uuid, false));
    let mut weight = field("weight", "weight", TypeRef::Number(FloatFormat::F32), false);
    weight.default = Some(json!(1.5));
    fields.push(weight);
    let mut tags = field("tags", "tags", array(TypeRef::String), false);
    tags.default = Some(json!(["new", "cute"]));
    fields.push(tags);
    fields.push(field("type_", "type", TypeRef::String, true));
    fields.push(field("attributes", "attributes", map(TypeRef::Any), false));
    let mut count = field("count", "count", TypeRef::Integer(IntFormat::U32), false);
    count.default = Some(json!(3));
    fields.push(count);
    let mut old = field(
        "legacy_code",
        "legacyCode",
        TypeRef::Integer(IntFormat::I32),
        false,
    );
    old.docs = deprecated(docs(None, Some("Use `id`.")));
    fields.push(old);
    fields.push(field("file", "file", TypeRef::Binary, false));
    let mut pet = def("Pet", structure(fields));
    pet.docs = docs(
        Some("A pet"),
        Some("Everything the store knows about one pet."),
    );
    pet
}

fn types() -> Vec<TypeDef> {
    let variant = |name: &str, value: &str| EnumVariant {
        name: name.to_owned(),
        value: value.to_owned(),
    };
    let union_variant = |name: &str, tags: &[&str], ty: TypeRef| UnionVariant {
        name: name.to_owned(),
        tag_values: tags.iter().map(|t| (*t).to_owned()).collect(),
        ty,
        boxed: false,
    };
    let mut settings_fields = Vec::new();
    let mut verbose = field("verbose", "verbose", TypeRef::Bool, false);
    verbose.default = Some(json!(true));
    settings_fields.push(verbose);
    let mut level = field("level", "level", TypeRef::Integer(IntFormat::I32), false);
    level.default = Some(json!(-2));
    settings_fields.push(level);
    let mut id = field("default_pet", "defaultPet", named(PET_ID), false);
    id.default = Some(json!(7));
    settings_fields.push(id);
    let mut ratio = field("ratio", "ratio", TypeRef::Number(FloatFormat::F64), false);
    ratio.default = Some(json!(0.25));
    settings_fields.push(ratio);
    let mut name = field("name", "name", TypeRef::String, false);
    name.default = Some(json!("rex \"the\" dog"));
    settings_fields.push(name);
    let mut when = field("since", "since", TypeRef::DateTime, false);
    when.default = Some(json!("2020-01-01T00:00:00Z"));
    settings_fields.push(when);
    let mut tree = def(
        "Tree",
        structure(vec![
            field("children", "children", array(named(12)), true),
            {
                let mut parent = field("parent", "parent", named(12), false);
                parent.boxed = true;
                parent
            },
        ]),
    );
    tree.docs = docs(Some("A recursive tree"), None);
    vec![
        pet(),
        def(
            "PetStatus",
            TypeKind::StringEnum(StringEnum {
                variants: vec![
                    variant("Available", "available"),
                    variant("Pending", "pending"),
                    variant("Sold", "sold"),
                    variant("InStock", "in-stock"),
                ],
            }),
        ),
        def("PetId", TypeKind::Alias(TypeRef::Integer(IntFormat::I64))),
        def(
            "Dog",
            structure(vec![
                field("pet_type", "petType", TypeRef::String, true),
                field("bark", "bark", TypeRef::Bool, false),
            ]),
        ),
        def(
            "Cat",
            structure(vec![field("meow", "meow", TypeRef::Bool, false)]),
        ),
        def(
            "Animal",
            TypeKind::Union(Union {
                tag: Some("petType".to_owned()),
                variants: vec![
                    union_variant("Dog", &["dog"], named(DOG)),
                    union_variant("Cat", &["cat", "Cat"], named(CAT)),
                ],
            }),
        ),
        def(
            "Circle",
            structure(vec![field(
                "radius",
                "radius",
                TypeRef::Number(FloatFormat::F64),
                true,
            )]),
        ),
        def(
            "Square",
            structure(vec![field(
                "side",
                "side",
                TypeRef::Number(FloatFormat::F64),
                true,
            )]),
        ),
        def(
            "Shape",
            TypeKind::Union(Union {
                tag: Some("kind".to_owned()),
                variants: vec![
                    union_variant("Circle", &["circle"], named(CIRCLE)),
                    union_variant("Square", &["square", "box"], named(SQUARE)),
                ],
            }),
        ),
        def(
            "StringOrPets",
            TypeKind::Union(Union {
                tag: None,
                variants: vec![
                    union_variant("String", &[], TypeRef::String),
                    union_variant("Integer", &[], TypeRef::Integer(IntFormat::I64)),
                    UnionVariant {
                        boxed: true,
                        ..union_variant("Pets", &[], array(named(PET)))
                    },
                ],
            }),
        ),
        def(
            "Error",
            structure(vec![
                field("code", "code", TypeRef::Integer(IntFormat::I32), true),
                field("message", "message", TypeRef::String, true),
            ]),
        ),
        def(
            "Labels",
            TypeKind::Struct(Struct {
                fields: vec![
                    field("name", "name", TypeRef::String, false),
                    field(
                        "additional_properties",
                        "additional_properties",
                        TypeRef::Bool,
                        false,
                    ),
                ],
                additional_properties: Some(TypeRef::String),
            }),
        ),
        tree,
        def("Settings", structure(settings_fields)),
        def("Empty", structure(Vec::new())),
        TypeDef {
            docs: deprecated(docs(Some("Old pet"), None)),
            ..def(
                "OldPet",
                structure(vec![field(
                    "id",
                    "id",
                    TypeRef::Integer(IntFormat::I64),
                    true,
                )]),
            )
        },
        def("Blob", TypeKind::Alias(TypeRef::Base64)),
        def(
            "Nothing",
            TypeKind::Union(Union {
                tag: None,
                variants: Vec::new(),
            }),
        ),
        def("Stamp", TypeKind::Alias(TypeRef::DateTime)),
        def(
            "Sparse",
            structure(vec![field(
                "values",
                "values",
                array(TypeRef::Nullable(Box::new(TypeRef::Integer(
                    IntFormat::I64,
                )))),
                true,
            )]),
        ),
        def(
            "MaybeTree",
            TypeKind::Union(Union {
                tag: None,
                variants: vec![
                    UnionVariant {
                        boxed: true,
                        ..union_variant("Tree", &[], TypeRef::Nullable(Box::new(named(12))))
                    },
                    union_variant("Text", &[], TypeRef::String),
                ],
            }),
        ),
    ]
}

fn error_json() -> ResponseBody {
    ResponseBody::Json(named(ERROR))
}

fn operations() -> Vec<Operation> {
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

pub(crate) fn api() -> Api {
    Api {
        title: "Pet Store".to_owned(),
        version: "1.0.0".to_owned(),
        description: Some(
            "A sample API for <b>pets</b>; see https://petstore.example.com/docs.".to_owned(),
        ),
        servers: vec![Server {
            url: "https://petstore.example.com/v1".to_owned(),
            description: None,
        }],
        security_schemes: vec![
            scheme(
                "api_key",
                "api_key",
                SecuritySchemeKind::ApiKey {
                    location: ParamLocation::Header,
                    name: "X-API-Key".to_owned(),
                },
            ),
            scheme("basic", "basic_auth", SecuritySchemeKind::Basic),
            scheme("bearer", "bearer_auth", SecuritySchemeKind::Bearer),
            scheme(
                "oauth",
                "oauth",
                SecuritySchemeKind::OAuth2ClientCredentials {
                    token_url: "/oauth/token".to_owned(),
                    scopes: vec!["read".to_owned(), "write".to_owned()],
                },
            ),
            scheme("oidc", "oidc", SecuritySchemeKind::Token),
            scheme(
                "cookie_key",
                "cookie_key",
                SecuritySchemeKind::ApiKey {
                    location: ParamLocation::Cookie,
                    name: "sid".to_owned(),
                },
            ),
            scheme(
                "query_key",
                "query_key",
                SecuritySchemeKind::ApiKey {
                    location: ParamLocation::Query,
                    name: "api_key".to_owned(),
                },
            ),
        ],
        operations: operations(),
        types: TypeArena { defs: types() },
    }
}

/// An API with nothing in it: no servers, schemes, operations or types.
pub(crate) fn empty_api() -> Api {
    Api {
        title: String::new(),
        version: String::new(),
        description: None,
        servers: Vec::new(),
        security_schemes: Vec::new(),
        operations: Vec::new(),
        types: TypeArena::default(),
    }
}
