//! The member list `#[composable]` hands to `compose!`: its model, how it is written into the
//! hidden macro, and how `compose!` reads it back. Written and read here only, so the two
//! sides cannot disagree.
//!
//! ```text
//! version 1; module auth; krate "app"; file "src/lib.rs"; dynamic false;
//! members [ fn login [value] pub "fn login(user: &User) -> bool" 12 8; .. ]
//! ```
//!
//! Each member's name keeps its span, so that `compose!` can point at the definition.

use modsmith_rules::compose::Namespaces;
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitInt, LitStr, Token, bracketed};

/// The format of the list. A source built by another modsmith writes another number, and
/// `compose!` asks for the two to be built with one version rather than misreading it.
pub const VERSION: u32 = 1;

/// What `#[composable]` tells `compose!` about one module.
pub struct SourceList {
    /// The format's version ([`VERSION`] when written by this crate).
    pub version: u32,
    /// The module's name as written.
    pub module: Ident,
    /// The crate the module is in (`CARGO_CRATE_NAME`), to tell the user where a
    /// definition in another crate is, since rustc moves its span to the `compose!` call.
    pub krate: String,
    /// The file the module is in, as rustc names it (empty when unknown).
    pub file: String,
    /// Whether the module has a `module()` giving its `DynModule` (`#[export_module]`).
    pub dynamic: bool,
    pub members: Vec<ListedMember>,
}

/// One member of a composable module.
pub struct ListedMember {
    /// What it is, as a keyword (`fn`, `struct`, ..., `use` for a re-export).
    pub kind: Ident,
    /// Its name, with the span of its definition.
    pub ident: Ident,
    pub namespaces: Namespaces,
    /// `pub`: only these can be re-exported by the composition; the others are listed so
    /// that naming one gets a reason rather than "no such member".
    pub public: bool,
    /// A function's signature or a constant's type as written, for the composed module's
    /// doc table; empty for other members.
    pub signature: String,
    /// Where the name is (1-based; 0 when unknown).
    pub line: usize,
    pub column: usize,
}

impl ListedMember {
    /// The name without `r#`.
    pub fn name(&self) -> String {
        self.ident.unraw().to_string()
    }
}

impl ToTokens for SourceList {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let SourceList {
            version,
            module,
            krate,
            file,
            dynamic,
            members,
        } = self;
        let version = LitInt::new(&version.to_string(), Span::call_site());
        tokens.extend(quote! {
            version #version; module #module; krate #krate; file #file; dynamic #dynamic;
            members [ #( #members )* ]
        });
    }
}

impl ToTokens for ListedMember {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let ListedMember {
            kind,
            ident,
            namespaces,
            public,
            signature,
            line,
            column,
        } = self;
        let namespaces = namespaces.iter().map(|single| match single {
            Namespaces::TYPE => quote!(type),
            Namespaces::VALUE => quote!(value),
            _ => quote!(macro),
        });
        let vis = if *public { quote!(pub) } else { quote!(crate) };
        let (line, column) = (
            LitInt::new(&line.to_string(), Span::call_site()),
            LitInt::new(&column.to_string(), Span::call_site()),
        );
        tokens.extend(quote! {
            #kind #ident [ #( #namespaces )* ] #vis #signature #line #column;
        });
    }
}

impl Parse for SourceList {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        keyword(input, "version")?;
        let version = input.parse::<LitInt>()?.base10_parse()?;
        input.parse::<Token![;]>()?;
        if version != VERSION {
            // Nothing after the version is read: its format is another's.
            return Err(input.error(format!("member list version {version}")));
        }
        keyword(input, "module")?;
        let module = input.call(Ident::parse_any)?;
        input.parse::<Token![;]>()?;
        keyword(input, "krate")?;
        let krate = input.parse::<LitStr>()?.value();
        input.parse::<Token![;]>()?;
        keyword(input, "file")?;
        let file = input.parse::<LitStr>()?.value();
        input.parse::<Token![;]>()?;
        keyword(input, "dynamic")?;
        let dynamic = input.parse::<syn::LitBool>()?.value;
        input.parse::<Token![;]>()?;
        keyword(input, "members")?;
        let content;
        bracketed!(content in input);
        let mut members = Vec::new();
        while !content.is_empty() {
            members.push(content.parse()?);
        }
        Ok(SourceList {
            version,
            module,
            krate,
            file,
            dynamic,
            members,
        })
    }
}

impl Parse for ListedMember {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let kind = input.call(Ident::parse_any)?;
        let ident = input.call(Ident::parse_any)?;
        let content;
        bracketed!(content in input);
        let mut namespaces = Namespaces::NONE;
        while !content.is_empty() {
            let word = content.call(Ident::parse_any)?;
            namespaces = namespaces.union(match word.to_string().as_str() {
                "type" => Namespaces::TYPE,
                "value" => Namespaces::VALUE,
                _ => Namespaces::MACRO,
            });
        }
        let public = input.parse::<Option<Token![pub]>>()?.is_some();
        if !public {
            input.parse::<Token![crate]>()?;
        }
        let signature = input.parse::<LitStr>()?.value();
        let line = input.parse::<LitInt>()?.base10_parse()?;
        let column = input.parse::<LitInt>()?.base10_parse()?;
        input.parse::<Token![;]>()?;
        Ok(ListedMember {
            kind,
            ident,
            namespaces,
            public,
            signature,
            line,
            column,
        })
    }
}

/// The version a list says it has, read before anything else so that a list of another
/// format is recognised as such.
pub fn version_of(tokens: TokenStream) -> Option<u32> {
    let parse = |input: ParseStream| {
        keyword(input, "version")?;
        let version = input.parse::<LitInt>()?.base10_parse::<u32>()?;
        let _: TokenStream = input.parse()?;
        Ok(version)
    };
    syn::parse::Parser::parse2(parse, tokens).ok()
}

fn keyword(input: ParseStream, word: &str) -> syn::Result<()> {
    let ident = input.call(Ident::parse_any)?;
    if ident == word {
        Ok(())
    } else {
        Err(syn::Error::new(ident.span(), format!("expected `{word}`")))
    }
}
