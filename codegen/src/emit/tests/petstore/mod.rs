//! A pet store model that uses every variant of the model.

use serde_json::json;

use super::build::*;
use crate::model::*;

mod operations;

use operations::operations;

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
        // As lowering leaves them: an operation without a 2xx has its implied success,
        // one with an `Idempotency-Key` header parameter names it.
        operations: operations()
            .into_iter()
            .map(|mut op| {
                op.responses = crate::model::responses::with_implied_success(
                    std::mem::take(&mut op.responses),
                    &op.pointer,
                );
                op.idempotency_header = crate::model::operations::idempotency_header(&op.params);
                op
            })
            .collect(),
        types: TypeArena { defs: types() },
        extra_derives: Vec::new(),
        extra_attributes: Vec::new(),
        features: None,
        xml: Vec::new(),
        skipped: Vec::new(),
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
        extra_derives: Vec::new(),
        extra_attributes: Vec::new(),
        features: None,
        xml: Vec::new(),
        skipped: Vec::new(),
    }
}
