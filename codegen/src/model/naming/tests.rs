//! Unit tests of the naming rules.

use super::*;

#[test]
fn snake_case_from_any_case() {
    assert_eq!(snake("fooBar", "x"), "foo_bar");
    assert_eq!(snake("foo-bar", "x"), "foo_bar");
    assert_eq!(snake("HTTPServer", "x"), "http_server");
    assert_eq!(snake("X-Request-Id", "x"), "x_request_id");
    assert_eq!(snake("get /pets/{petId}/toys", "x"), "get_pets_pet_id_toys");
}

#[test]
fn pascal_case_from_any_case() {
    assert_eq!(pascal("pet_status", "X"), "PetStatus");
    assert_eq!(pascal("some.dotted-name", "X"), "SomeDottedName");
    assert_eq!(pascal("already Pascal", "X"), "AlreadyPascal");
}

#[test]
fn keywords_get_a_suffix() {
    assert_eq!(snake("type", "x"), "type_");
    assert_eq!(snake("self", "x"), "self_");
    assert_eq!(snake("crate", "x"), "crate_");
    assert_eq!(snake("match", "x"), "match_");
    assert_eq!(pascal("Self", "X"), "SelfX");
    assert_eq!(pascal("self", "Operation"), "SelfOperation");
    assert_eq!(pascal("self", ""), "SelfType");
    assert_eq!(enum_variant("self"), "SelfValue");
    assert_eq!(enum_variant(""), "Empty");
}

#[test]
fn leading_digits_get_a_prefix() {
    assert_eq!(snake("1st", "x"), "n1st");
    assert_eq!(snake("_1st", "x"), "n1st");
    assert_eq!(pascal("1", "X"), "V1");
    assert_eq!(pascal("2fa-method", "X"), "V2faMethod");
}

#[test]
fn non_ascii_and_punctuation_are_folded() {
    assert_eq!(snake("größe", "x"), "groesse");
    assert_eq!(snake("café", "x"), "cafe");
    assert_eq!(snake("$ref", "x"), "ref_");
    assert_eq!(snake("a€b", "x"), "a_b");
    assert_eq!(pascal("名前", "Value"), "Value");
    assert_eq!(snake("@@@", "field"), "field");
}

#[test]
fn empty_names_fall_back() {
    assert_eq!(snake("", "value"), "value");
    assert_eq!(pascal("", "Value"), "Value");
    assert_eq!(pascal("--", "Value"), "Value");
}

#[test]
fn collisions_are_made_unique_in_claim_order() {
    let mut names = UniqueNames::default();
    assert_eq!(names.claim(&snake("foo-bar", "x")), "foo_bar");
    assert_eq!(names.claim(&snake("fooBar", "x")), "foo_bar_2");
    assert_eq!(names.claim(&snake("foo_bar", "x")), "foo_bar_3");
    let mut types = UniqueNames::default();
    assert_eq!(types.claim("FooBar"), "FooBar");
    assert_eq!(types.claim("FooBar"), "FooBar2");
}

#[test]
fn keyword_suffix_and_collision_suffix_do_not_stack() {
    let mut names = UniqueNames::default();
    assert_eq!(names.claim(&snake("type", "x")), "type_");
    assert_eq!(names.claim(&snake("type", "x")), "type_2");
}

#[test]
fn reserved_names_are_never_handed_out() {
    let mut types = UniqueNames::with_reserved(RESERVED_TYPE_NAMES);
    assert_eq!(types.claim(&pascal("Option", "X")), "Option2");
    assert_eq!(types.claim(&pascal("result", "X")), "Result2");
    assert_eq!(types.claim(&pascal("Client", "X")), "Client2");
    let mut methods = UniqueNames::with_reserved(RESERVED_CLIENT_METHODS);
    assert_eq!(methods.claim(&snake("new", "x")), "new_2");
    assert_eq!(methods.claim(&snake("builder", "x")), "builder_2");
    let mut params = UniqueNames::with_reserved(&reserved_request_names());
    assert_eq!(params.claim(&snake("stream", "x")), "stream_2");
    assert_eq!(
        params.claim(&snake("sendWithResponse", "x")),
        "send_with_response_2"
    );
}

#[test]
fn claim_where_respects_extra_slots() {
    let mut types = UniqueNames::default();
    types.insert("GetPetError");
    let name = types.claim_where("GetPet", |n| n != "GetPet");
    assert_eq!(name, "GetPet2");
}

#[test]
fn enum_variants_spell_punctuation_only_values() {
    assert_eq!(enum_variant(">="), "GtEq");
    assert_eq!(enum_variant(">"), "Gt");
    assert_eq!(enum_variant("!="), "NotEq");
    assert_eq!(enum_variant("in-active"), "InActive");
    assert_eq!(enum_variant_spelled("in_active"), "InUnderscoreActive");
    assert_eq!(enum_variant_spelled("-name"), "MinusName");
    assert_eq!(enum_variant("1"), "V1");
    assert_eq!(enum_variant(""), "Empty");
}

#[test]
fn security_scheme_names_become_what_people_write() {
    for (scheme, setter) in [
        ("OAuth2", "oauth2"),
        ("oAuth2", "oauth2"),
        ("Oauth2", "oauth2"),
        ("oauth2", "oauth2"),
        ("Oauth2c", "oauth2c"),
        ("oauth2ClientSecret", "oauth2_client_secret"),
        ("OAuth2ClientCredentials", "oauth2_client_credentials"),
        ("getOAuthToken", "get_oauth_token"),
        ("OAuth", "oauth"),
        ("APIKey", "api_key"),
        ("ApiKey", "api_key"),
        ("apiKey", "api_key"),
        ("api_key", "api_key"),
        ("api-key", "api_key"),
        ("HTTPBasic", "http_basic"),
        ("httpBasic", "http_basic"),
        ("BasicAuth", "basic_auth"),
        ("Basic_Auth", "basic_auth"),
        ("openIdConnect", "open_id_connect"),
        ("OpenIDConnect", "open_id_connect"),
        ("JWT", "jwt"),
        ("sec0", "sec0"),
    ] {
        assert_eq!(snake(scheme, "auth"), setter, "{scheme}");
    }
}

#[test]
fn an_acronym_with_one_lowercase_letter_is_one_word() {
    assert_eq!(snake("URLs", "x"), "urls");
    assert_eq!(snake("DeviceIDs", "x"), "device_ids");
    assert_eq!(snake("IDsList", "x"), "ids_list");
    assert_eq!(snake("Floating IPs", "x"), "floating_ips");
    assert_eq!(snake("PrivateIPv4Address", "x"), "private_ipv4_address");
    assert_eq!(snake("UUIDv4", "x"), "uuidv4");
    assert_eq!(pascal("DeviceIDs", "X"), "DeviceIds");
    assert_eq!(pascal("PrivateIPv4Address", "X"), "PrivateIpv4Address");
    // Another letter followed by a capital starts a real word: heck's split stays.
    assert_eq!(snake("ScheduleAByEmployer", "x"), "schedule_a_by_employer");
    assert_eq!(snake("IsAMiniOrder", "x"), "is_a_mini_order");
    // Two lowercase letters: heck's split (`HTTPServer`, `IOps`).
    assert_eq!(snake("HTTPServer", "x"), "http_server");
    assert_eq!(snake("BlkioDeviceReadIOps", "x"), "blkio_device_read_i_ops");
}

#[test]
fn oauth_is_one_word_only_where_it_stands_as_one() {
    // A lowercase `o` joins only at the start of a word.
    assert_eq!(snake("fooAuth", "x"), "foo_auth");
    assert_eq!(snake("x oAuth", "x"), "x_oauth");
    // A capital `O` after capitals is part of that run; a longer word is not `OAuth`.
    assert_eq!(snake("OAuthority", "x"), "o_authority");
    assert_eq!(pascal("OAuth2", "X"), "Oauth2");
    // Letters other than the listed word keep heck's split.
    assert_eq!(snake("xCoordinate", "x"), "x_coordinate");
    assert_eq!(snake("eBay", "x"), "e_bay");
}

#[test]
fn claiming_one_base_many_times_continues_from_the_last_number() {
    // 50,000 claims of one name: each takes the next number without trying the
    // earlier ones again (linear work; issue 12, 100,000 enum values).
    let mut names = UniqueNames::default();
    let claimed: Vec<String> = (0..50_000).map(|_| names.claim("Value")).collect();
    assert_eq!(claimed[0], "Value");
    assert_eq!(claimed[1], "Value2");
    assert_eq!(claimed[49_999], "Value50000");
    // A number taken by hand in between is skipped.
    names.insert("Value50001");
    assert_eq!(names.claim("Value"), "Value50002");
    assert_eq!(names.claim("item_"), "item_");
    assert_eq!(names.claim("item_"), "item_2");
}

#[test]
fn taken_names_append_underscores() {
    assert_eq!(TakenNames::with(&["x"]).claim("client"), "client");
    assert_eq!(
        TakenNames::with(&["client", "client_"]).claim("client"),
        "client__"
    );
}
