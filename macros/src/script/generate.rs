//! Typed IR → Rust: a module of plain functions over Rust types. Parameters are borrowed
//! (`&str`, `&[T]`, `&BTreeMap<String, T>`, `&Record`), results owned; `int` arithmetic,
//! division and indexing go through `modsmith_script::rt` (one implementation for every
//! back end), wrapped in `at(.., function, line, column)?` so an error says where it was.
//! Only functions that can fail return `Result<T, ScriptError>`; only those that reach the
//! host take `host: &impl Host`.

use modsmith_script::analysis::{Effects, effects};
use modsmith_script::ast::{AssignOp, BinaryOp, UnaryOp};
use modsmith_script::check::has_unknown;
use modsmith_script::interp::Value;
use modsmith_script::ir::{Block, Builtin, Expr, ExprKind, Pattern, Program, Stmt, Type, doc_text};
use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

/// What the generator needs besides the program.
pub struct Context<'a> {
    pub program: &'a Program,
    pub vis: TokenStream,
    pub krate: TokenStream,
    pub locate: &'a dyn modsmith_script::Locate,
    /// The constants' values, computed at expansion.
    pub constants: Vec<Value>,
    /// Items to add to the module (the file form's `include_str!`, warnings).
    pub extra: TokenStream,
    /// With `bytecode = true`, the program's bytecode.
    pub bytecode: Option<Vec<u8>>,
}

/// The records a `pub` function's signature names, through lists, maps and options too.
fn interface_records(program: &Program) -> Vec<usize> {
    fn walk(ty: &Type, found: &mut Vec<usize>) {
        match ty {
            Type::Record(index, _) => found.push(*index),
            Type::List(inner) | Type::Map(inner) | Type::Option(inner) => walk(inner, found),
            _ => {}
        }
    }
    let mut found = Vec::new();
    for function in program.functions.iter().filter(|function| function.public) {
        let signature = &function.signature;
        for ty in signature
            .params
            .iter()
            .map(|(_, ty)| ty)
            .chain([&signature.ret])
        {
            walk(ty, &mut found);
        }
    }
    found
}

/// The module.
pub fn generate(context: &Context) -> TokenStream {
    let program = context.program;
    let effects = effects(program);
    let generator = Generator {
        context,
        effects: &effects,
        function: 0,
        borrowed: Vec::new(),
    };
    let interface = interface_records(program);
    let records = program.records.iter().enumerate().map(|(index, record)| {
        let name = rust_ident(&record.name);
        // A record is part of the Rust interface when it is `pub`, or when a `pub` function
        // takes or gives it (callers must be able to name it).
        let vis = if record.public || interface.contains(&index) {
            quote!(pub)
        } else {
            TokenStream::new()
        };
        let docs = docs(&record.docs);
        let fields = record.fields.iter().map(|(field, ty)| {
            let field = rust_ident(field);
            let ty = generator.owned_type(ty);
            quote!(pub #field: #ty)
        });
        let p = generator.private();
        let record_name = &record.name;
        let field_names: Vec<&String> = record.fields.iter().map(|(field, _)| field).collect();
        let field_idents: Vec<Ident> = record.fields.iter().map(|(field, _)| rust_ident(field)).collect();
        quote! {
            #docs
            #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
            #[allow(dead_code)]
            #vis struct #name { #( #fields, )* }

            /// The record as a `Value` map of its fields (`modsmith::dynamic`).
            impl #p::IntoValue for #name {
                fn into_value(self) -> ::core::result::Result<#p::Value, #p::ValueError> {
                    #p::record_into_value([ #( (#field_names, #p::IntoValue::into_value(self.#field_idents)) ),* ])
                }
            }

            /// The record from a `Value` map of its fields.
            impl<'a> #p::FromValue<'a> for #name {
                fn from_value(value: &'a #p::Value) -> ::core::result::Result<Self, #p::ValueError> {
                    ::core::result::Result::Ok(#name {
                        #( #field_idents: #p::record_field(value, #record_name, #field_names)?, )*
                    })
                }

                fn type_name() -> #p::Cow<'static, str> {
                    #p::Cow::Borrowed(#record_name)
                }
            }
        }
    });
    let consts = program
        .consts
        .iter()
        .zip(&context.constants)
        .map(|(constant, value)| {
            let name = rust_ident(&constant.name);
            let vis = if constant.public {
                quote!(pub)
            } else {
                TokenStream::new()
            };
            let docs = docs(&constant.docs);
            let (ty, value) = match value {
                Value::Int(n) => (quote!(i64), Literal::i64_suffixed(*n).into_token_stream()),
                Value::Float(x) => (quote!(f64), Literal::f64_suffixed(*x).into_token_stream()),
                Value::Bool(b) => (quote!(bool), quote!(#b)),
                Value::Str(text) => (quote!(&'static str), quote!(#text)),
                _ => (quote!(()), quote!(())),
            };
            quote! { #docs #[allow(dead_code)] #vis const #name: #ty = #value; }
        });
    let host = if program.host.is_empty() {
        TokenStream::new()
    } else {
        let methods = program.host.iter().map(|signature| {
            let name = rust_ident(&signature.name);
            let docs = docs(&signature.docs);
            let params = signature.params.iter().map(|(param, ty)| {
                let param = rust_ident(param);
                let ty = generator.param_type(ty);
                quote!(#param: #ty)
            });
            let ret = generator.return_type(&signature.ret, false);
            quote! { #docs fn #name(&self, #( #params ),*) #ret; }
        });
        let doc = format!(
            "The functions the script's `host {{ .. }}` section declares: implement this trait \
             and pass it as `host` to the functions of `{}` that call them.",
            program.name
        );
        let vis = &context.vis;
        quote! {
            #[doc = #doc]
            #vis trait Host { #( #methods )* }
        }
    };
    let functions = (0..program.functions.len()).map(|index| {
        let mut generator = Generator {
            context,
            effects: &effects,
            function: index,
            borrowed: Vec::new(),
        };
        generator.function()
    });
    let name = rust_ident(&program.name);
    let vis = &context.vis;
    let module_docs = docs(&program.docs);
    let extra = &context.extra;
    let bytecode = context
        .bytecode
        .as_deref()
        .map(|bytes| generator.bytecode(bytes))
        .unwrap_or_default();
    quote! {
        #module_docs
        #vis mod #name {
            #( #records )*
            #( #consts )*
            #host
            #( #functions )*
            #bytecode
            #extra
        }
    }
}

trait IntoTokens {
    fn into_token_stream(self) -> TokenStream;
}

impl IntoTokens for Literal {
    fn into_token_stream(self) -> TokenStream {
        proc_macro2::TokenTree::Literal(self).into()
    }
}

fn docs(lines: &[String]) -> TokenStream {
    quote!(#( #[doc = #lines] )*)
}

/// A script name as a Rust identifier: raw where it is a Rust keyword; `self`, `Self`,
/// `super` and `crate`, which cannot be raw, with a trailing `_`.
pub fn rust_ident(name: &str) -> Ident {
    match name {
        "self" | "Self" | "super" | "crate" => format_ident!("{name}_"),
        _ => syn::parse_str::<Ident>(name)
            .unwrap_or_else(|_| Ident::new_raw(name, Span::call_site())),
    }
}

struct Generator<'a> {
    context: &'a Context<'a>,
    effects: &'a Effects,
    function: usize,
    /// Per local of the function: whether it holds a reference (a parameter, a `for`
    /// element, a `some(x)` binding) rather than an owned value.
    borrowed: Vec<bool>,
}

/// A type as the `DynModule` signatures of both back ends write it: the script's name,
/// `()` for nothing.
fn signature_type(ty: &Type) -> String {
    match ty {
        Type::Unit | Type::Error => "()".to_owned(),
        ty => ty.to_string(),
    }
}

fn is_copy(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Int | Type::Float | Type::Bool | Type::Unit | Type::Error
    )
}

impl Generator<'_> {
    /// `bytecode = true`: the bytes, the program loaded from them, and the native functions
    /// as a `DynModule` with the signatures and values of the program's own module, so that
    /// one module runs natively or in the VM behind one interface.
    fn bytecode(&self, bytes: &[u8]) -> TokenStream {
        let p = self.private();
        let program = self.context.program;
        let literal = Literal::byte_string(bytes);
        let functions = program
            .functions
            .iter()
            .enumerate()
            .filter(|(index, function)| {
                function.public && !self.effects.uses_host.get(*index).copied().unwrap_or(true)
            })
            .map(|(index, function)| {
                let signature = &function.signature;
                let name = &signature.name;
                let ident = rust_ident(name);
                let doc = doc_text(&signature.docs);
                let params = signature.params.iter().map(|(param, ty)| {
                    let ty = signature_type(ty);
                    quote!((#param, #ty))
                });
                let ret = signature_type(&signature.ret);
                let arity = signature.params.len();
                let bindings = signature.params.iter().enumerate().map(|(at, (_, ty))| {
                    let binding = format_ident!("__modsmith_arg{at}");
                    let owned = self.owned_type(ty);
                    quote!(let #binding: #owned = #p::native::arg(__modsmith_args, #at)?;)
                });
                let passed = signature.params.iter().enumerate().map(|(at, (_, ty))| {
                    let binding = format_ident!("__modsmith_arg{at}");
                    if is_copy(ty) {
                        quote!(#binding)
                    } else {
                        quote!(&#binding)
                    }
                });
                let call = quote!(#ident(#( #passed ),*));
                let returned = if self.effects.fallible.get(index).copied().unwrap_or(false) {
                    quote!(#p::native::fallible(#call))
                } else {
                    quote!(#p::native::returned(#call))
                };
                quote! {
                    .function_values(
                        #p::native::signature(#name, &[ #( #params ),* ], #ret, #doc),
                        |__modsmith_args| {
                            #p::native::arity(__modsmith_args, #arity)?;
                            #( #bindings )*
                            #returned
                        },
                    )
                }
            });
        let module_name = &program.name;
        let module_doc = doc_text(&program.docs);
        let constants = program
            .consts
            .iter()
            .filter(|constant| constant.public)
            .map(|constant| {
                let name = &constant.name;
                let ident = rust_ident(name);
                quote!(.constant(#name, #ident))
            });
        quote! {
            /// The module's bytecode (`bytecode = true`): load it with [`program`], or with
            /// `Program::from_bytes`, which decodes and verifies it as it would any bytes.
            #[allow(dead_code)]
            pub const BYTECODE: &[u8] = #literal;

            /// The module's program, loaded from [`BYTECODE`], to run in the VM.
            #[allow(dead_code)]
            pub fn program() -> ::core::result::Result<#p::Program, #p::LoadError> {
                #p::Program::from_bytes(BYTECODE)
            }

            /// The module's native functions as a `DynModule`, with the signatures and
            /// values of `program()?.into_module()`: one interface, native or in the VM.
            /// Functions that reach the host are not in it.
            ///
            /// # Errors
            ///
            /// Never for names the script's checker accepted.
            #[allow(dead_code)]
            pub fn module() -> ::core::result::Result<#p::DynModule, #p::BuildError> {
                #p::ModuleBuilder::new(#module_name)
                    .doc(#module_doc)
                    #( #constants )*
                    #( #functions )*
                    .build()
            }
        }
    }

    fn private(&self) -> TokenStream {
        let krate = &self.context.krate;
        quote!(#krate::__private::script)
    }

    fn owned_type(&self, ty: &Type) -> TokenStream {
        let p = self.private();
        match ty {
            Type::Int => quote!(i64),
            Type::Float => quote!(f64),
            Type::Bool => quote!(bool),
            Type::Str => quote!(#p::String),
            Type::Unit | Type::Error => quote!(()),
            Type::List(element) => {
                let element = self.owned_type(element);
                quote!(#p::Vec<#element>)
            }
            Type::Map(value) => {
                let value = self.owned_type(value);
                quote!(#p::BTreeMap<#p::String, #value>)
            }
            Type::Option(value) => {
                let value = self.owned_type(value);
                quote!(::core::option::Option<#value>)
            }
            Type::Record(_, name) => {
                let name = rust_ident(name);
                quote!(#name)
            }
        }
    }

    fn param_type(&self, ty: &Type) -> TokenStream {
        match ty {
            Type::Str => quote!(&str),
            Type::List(element) => {
                let element = self.owned_type(element);
                quote!(&[#element])
            }
            ty if is_copy(ty) => self.owned_type(ty),
            ty => {
                let owned = self.owned_type(ty);
                quote!(&#owned)
            }
        }
    }

    fn return_type(&self, ty: &Type, fallible: bool) -> TokenStream {
        let p = self.private();
        let owned = self.owned_type(ty);
        match (fallible, ty) {
            (true, _) => quote!(-> ::core::result::Result<#owned, #p::ScriptError>),
            (false, Type::Unit) => TokenStream::new(),
            (false, _) => quote!(-> #owned),
        }
    }

    fn fallible(&self) -> bool {
        self.effects
            .fallible
            .get(self.function)
            .copied()
            .unwrap_or(false)
    }

    fn function(&mut self) -> TokenStream {
        let program = self.context.program;
        let definition = &program.functions[self.function];
        let signature = &definition.signature;
        // Parameters of types that are not `Copy` arrive as references.
        self.borrowed = definition
            .locals
            .iter()
            .enumerate()
            .map(|(at, local)| at < signature.params.len() && !is_copy(&local.ty))
            .collect();
        let name = rust_ident(&signature.name);
        let vis = if definition.public {
            quote!(pub)
        } else {
            TokenStream::new()
        };
        let docs = docs(&signature.docs);
        let host = self
            .effects
            .uses_host
            .get(self.function)
            .copied()
            .unwrap_or(false)
            .then(|| quote!(host: &impl Host,));
        let params: Vec<TokenStream> = signature
            .params
            .iter()
            .map(|(param, ty)| {
                let param = rust_ident(param);
                let ty = self.param_type(ty);
                quote!(#param: #ty)
            })
            .collect();
        let fallible = self.fallible();
        let ret = self.return_type(&signature.ret, fallible);
        let body = self.block_value(&definition.body);
        let body = if fallible {
            quote!(::core::result::Result::Ok(#body))
        } else {
            body
        };
        quote! {
            #docs
            #[allow(dead_code, unused_mut, unused_variables, unreachable_code, clippy::all)]
            #vis fn #name(#host #( #params ),*) #ret { #body }
        }
    }

    fn local(&self, index: usize) -> Ident {
        let definition = &self.context.program.functions[self.function];
        rust_ident(&definition.locals[index].name)
    }

    fn local_type(&self, index: usize) -> &Type {
        &self.context.program.functions[self.function].locals[index].ty
    }

    /// A block as an expression giving its value.
    fn block_value(&mut self, block: &Block) -> TokenStream {
        let stmts: Vec<TokenStream> = block.stmts.iter().map(|stmt| self.stmt(stmt)).collect();
        let tail = block.tail.as_ref().map(|tail| self.owned(tail));
        quote!({ #( #stmts )* #tail })
    }

    /// A block whose value is not used (a loop's body).
    fn block_statements(&mut self, block: &Block) -> TokenStream {
        let stmts: Vec<TokenStream> = block.stmts.iter().map(|stmt| self.stmt(stmt)).collect();
        let tail = block.tail.as_ref().map(|tail| {
            let tail = self.owned(tail);
            quote!(let _ = #tail;)
        });
        quote!({ #( #stmts )* #tail })
    }

    fn at(&self, call: TokenStream, span: modsmith_script::Span) -> TokenStream {
        let p = self.private();
        let (line, column) = self.context.locate.locate(span);
        let function = &self.context.program.functions[self.function].signature.name;
        quote!(#p::at(#call, #function, #line, #column)?)
    }

    fn stmt(&mut self, stmt: &Stmt) -> TokenStream {
        let p = self.private();
        match stmt {
            Stmt::Let { local, value } => {
                let name = self.local(*local);
                let local_ty = self.local_type(*local).clone();
                let value = self.owned(value);
                if has_unknown(&local_ty) {
                    // `let x = [];`: rustc infers the element type from the uses.
                    quote!(let mut #name = #value;)
                } else {
                    let ty = self.owned_type(&local_ty);
                    quote!(let mut #name: #ty = #value;)
                }
            }
            Stmt::Assign {
                local,
                op,
                value,
                span,
            } => {
                let name = self.local(*local);
                let ty = self.local_type(*local).clone();
                match (op, &ty) {
                    (AssignOp::Set, _) => {
                        let value = self.owned(value);
                        quote!(#name = #value;)
                    }
                    (AssignOp::Add, Type::Str) => {
                        let value = self.borrowed(value);
                        quote!(#name.push_str(#value);)
                    }
                    (op, Type::Int) => {
                        let value = self.owned(value);
                        let function = if *op == AssignOp::Add {
                            quote!(add)
                        } else {
                            quote!(sub)
                        };
                        let call = self.at(quote!(#p::#function(#name, #value)), *span);
                        quote!(#name = #call;)
                    }
                    (AssignOp::Add, _) => {
                        let value = self.owned(value);
                        quote!(#name += #value;)
                    }
                    (AssignOp::Sub, _) => {
                        let value = self.owned(value);
                        quote!(#name -= #value;)
                    }
                }
            }
            Stmt::While { condition, body } => {
                let condition = self.owned(condition);
                let body = self.block_statements(body);
                quote!(while #condition #body)
            }
            Stmt::ForList { local, list, body } => {
                let name = self.local(*local);
                let list = self.borrowed(list);
                let copy = is_copy(self.local_type(*local));
                self.borrowed[*local] = !copy;
                let body = self.block_statements(body);
                if copy {
                    quote!(for &#name in (#list).iter() #body)
                } else {
                    quote!(for #name in (#list).iter() #body)
                }
            }
            Stmt::ForRange {
                local,
                start,
                end,
                body,
            } => {
                let name = self.local(*local);
                let (start, end) = (self.owned(start), self.owned(end));
                let body = self.block_statements(body);
                quote!(for #name in #start..#end #body)
            }
            Stmt::Return(value) => {
                let value = value
                    .as_ref()
                    .map_or_else(|| quote!(()), |value| self.owned(value));
                if self.fallible() {
                    quote!(return ::core::result::Result::Ok(#value);)
                } else {
                    quote!(return #value;)
                }
            }
            Stmt::Break => quote!(break;),
            Stmt::Continue => quote!(continue;),
            Stmt::Expr(expr) => {
                let expr = self.owned(expr);
                quote!(let _ = #expr;)
            }
        }
    }

    /// The expression as a reference form for types that are not `Copy` (`&str`, `&[T]`,
    /// `&BTreeMap<..>`, `&Record`, `&Option<T>`), as a value for the others.
    fn borrowed(&mut self, expr: &Expr) -> TokenStream {
        if is_copy(&expr.ty) {
            return self.owned(expr);
        }
        match &expr.kind {
            // A literal is borrowed as it is: no allocation.
            ExprKind::Str(text) => quote!(#text),
            ExprKind::Local(index) => {
                let name = self.local(*index);
                match (&expr.ty, self.borrowed[*index]) {
                    (Type::Str | Type::List(_), _) => quote!(&#name[..]),
                    (_, true) => quote!(#name),
                    (_, false) => quote!(&#name),
                }
            }
            ExprKind::Const(index) => {
                let name = rust_ident(&self.context.program.consts[*index].name);
                quote!(#name)
            }
            ExprKind::Field(value, at) => {
                let field = self.field_name(&value.ty, *at);
                let value = self.borrowed(value);
                match &expr.ty {
                    Type::Str | Type::List(_) => quote!(&(#value).#field[..]),
                    _ => quote!(&(#value).#field),
                }
            }
            ExprKind::Index(..) => {
                let reference = self.index_reference(expr);
                match &expr.ty {
                    Type::Str | Type::List(_) => quote!(&(#reference)[..]),
                    _ => reference,
                }
            }
            _ => {
                let owned = self.owned(expr);
                match &expr.ty {
                    Type::Str | Type::List(_) => quote!(&(#owned)[..]),
                    _ => quote!(&#owned),
                }
            }
        }
    }

    fn field_name(&self, ty: &Type, at: usize) -> Ident {
        match ty {
            Type::Record(index, _) => self
                .context
                .program
                .records
                .get(*index)
                .and_then(|record| record.fields.get(at))
                .map_or_else(|| format_ident!("_{at}"), |(name, _)| rust_ident(name)),
            _ => format_ident!("_{at}"),
        }
    }

    /// `list[i]` or `map[key]` as a reference to the element.
    fn index_reference(&mut self, expr: &Expr) -> TokenStream {
        let p = self.private();
        let ExprKind::Index(value, index) = &expr.kind else {
            return TokenStream::new();
        };
        let container = self.borrowed(value);
        let call = match &value.ty {
            Type::Map(_) => {
                let key = self.borrowed(index);
                quote!(#p::key(#container, #key))
            }
            _ => {
                let index = self.owned(index);
                quote!(#p::index(#container, #index))
            }
        };
        self.at(call, expr.span)
    }

    /// The expression as an owned value.
    fn owned(&mut self, expr: &Expr) -> TokenStream {
        let p = self.private();
        match &expr.kind {
            ExprKind::Int(n) => Literal::i64_suffixed(*n).into_token_stream(),
            ExprKind::Float(x) => Literal::f64_suffixed(*x).into_token_stream(),
            ExprKind::Str(text) => quote!(#p::ToOwned::to_owned(#text)),
            ExprKind::Bool(b) => quote!(#b),
            ExprKind::None => quote!(::core::option::Option::None),
            ExprKind::Local(index) => {
                let name = self.local(*index);
                match (is_copy(&expr.ty), self.borrowed[*index]) {
                    (true, true) => quote!(*#name),
                    (true, false) => quote!(#name),
                    (false, true) => quote!(#p::ToOwned::to_owned(#name)),
                    (false, false) => quote!(#p::Clone::clone(&#name)),
                }
            }
            ExprKind::Const(index) => {
                let name = rust_ident(&self.context.program.consts[*index].name);
                if expr.ty == Type::Str {
                    quote!(#p::ToOwned::to_owned(#name))
                } else {
                    quote!(#name)
                }
            }
            ExprKind::Unary(op, operand) => {
                let value = self.owned(operand);
                match (op, &operand.ty) {
                    (UnaryOp::Neg, Type::Int) => self.at(quote!(#p::neg(#value)), expr.span),
                    (UnaryOp::Neg, _) => quote!((-#value)),
                    (UnaryOp::Not, _) => quote!((!#value)),
                }
            }
            ExprKind::Binary(op, left, right) => self.binary(*op, left, right, expr.span),
            ExprKind::Call(callee, args) => {
                let definition = &self.context.program.functions[*callee];
                let name = rust_ident(&definition.signature.name);
                let host = self
                    .effects
                    .uses_host
                    .get(*callee)
                    .copied()
                    .unwrap_or(false)
                    .then(|| quote!(host,));
                let args: Vec<TokenStream> = args.iter().map(|arg| self.borrowed(arg)).collect();
                let fallible = self.effects.fallible.get(*callee).copied().unwrap_or(false);
                let question = fallible.then(|| quote!(?));
                quote!(#name(#host #( #args ),*) #question)
            }
            ExprKind::Host(index, args) => {
                let name = rust_ident(&self.context.program.host[*index].name);
                let args: Vec<TokenStream> = args.iter().map(|arg| self.borrowed(arg)).collect();
                quote!(host.#name(#( #args ),*))
            }
            ExprKind::Builtin(builtin, args) => self.builtin(*builtin, args, expr),
            ExprKind::Field(value, at) => {
                let field = self.field_name(&value.ty, *at);
                let value = self.borrowed(value);
                if is_copy(&expr.ty) {
                    quote!((#value).#field)
                } else {
                    quote!(#p::Clone::clone(&(#value).#field))
                }
            }
            ExprKind::Index(..) => {
                let reference = self.index_reference(expr);
                if is_copy(&expr.ty) {
                    quote!(*#reference)
                } else {
                    quote!(#p::Clone::clone(#reference))
                }
            }
            ExprKind::List(elements) => {
                if elements.is_empty() {
                    quote!(#p::Vec::new())
                } else {
                    let count = elements.len();
                    let elements: Vec<TokenStream> =
                        elements.iter().map(|element| self.owned(element)).collect();
                    // A path call: under `#![no_implicit_prelude]` no trait is in scope.
                    quote!(<#p::Vec<_> as ::core::convert::From<[_; #count]>>::from([#( #elements ),*]))
                }
            }
            ExprKind::Record(index, values) => {
                let record = &self.context.program.records[*index];
                let name = rust_ident(&record.name);
                let fields: Vec<Ident> = record
                    .fields
                    .iter()
                    .map(|(field, _)| rust_ident(field))
                    .collect();
                let values: Vec<TokenStream> =
                    values.iter().map(|value| self.owned(value)).collect();
                quote!(#name { #( #fields: #values ),* })
            }
            ExprKind::If(condition, then, otherwise) => {
                let condition = self.owned(condition);
                let then = self.block_value(then);
                match otherwise {
                    Some(otherwise) => {
                        let otherwise = self.owned(otherwise);
                        quote!(if #condition #then else { #otherwise })
                    }
                    None => quote!(if #condition #then),
                }
            }
            ExprKind::Match(value, arms) => self.match_expr(value, arms),
            ExprKind::Block(block) => self.block_value(block),
            ExprKind::Error => quote!(()),
        }
    }

    fn binary(
        &mut self,
        op: BinaryOp,
        left: &Expr,
        right: &Expr,
        span: modsmith_script::Span,
    ) -> TokenStream {
        let p = self.private();
        match (op, &left.ty) {
            (BinaryOp::And | BinaryOp::Or, _) => {
                let (a, b) = (self.owned(left), self.owned(right));
                if op == BinaryOp::And {
                    quote!((#a && #b))
                } else {
                    quote!((#a || #b))
                }
            }
            (
                BinaryOp::Eq
                | BinaryOp::NotEq
                | BinaryOp::Less
                | BinaryOp::LessEq
                | BinaryOp::Greater
                | BinaryOp::GreaterEq,
                _,
            ) => {
                let (a, b) = (self.borrowed(left), self.borrowed(right));
                let op = match op {
                    BinaryOp::Eq => quote!(==),
                    BinaryOp::NotEq => quote!(!=),
                    BinaryOp::Less => quote!(<),
                    BinaryOp::LessEq => quote!(<=),
                    BinaryOp::Greater => quote!(>),
                    _ => quote!(>=),
                };
                quote!((#a #op #b))
            }
            (BinaryOp::Add, Type::Str) => {
                let (a, b) = (self.borrowed(left), self.borrowed(right));
                quote!(#p::concat(#a, #b))
            }
            (_, Type::Int) => {
                let (a, b) = (self.owned(left), self.owned(right));
                let function = match op {
                    BinaryOp::Add => quote!(add),
                    BinaryOp::Sub => quote!(sub),
                    BinaryOp::Mul => quote!(mul),
                    BinaryOp::Div => quote!(div),
                    _ => quote!(rem),
                };
                self.at(quote!(#p::#function(#a, #b)), span)
            }
            (BinaryOp::Div, _) => {
                let (a, b) = (self.owned(left), self.owned(right));
                self.at(quote!(#p::div_float(#a, #b)), span)
            }
            (BinaryOp::Rem, _) => {
                let (a, b) = (self.owned(left), self.owned(right));
                self.at(quote!(#p::rem_float(#a, #b)), span)
            }
            _ => {
                let (a, b) = (self.owned(left), self.owned(right));
                let op = match op {
                    BinaryOp::Add => quote!(+),
                    BinaryOp::Sub => quote!(-),
                    _ => quote!(*),
                };
                quote!((#a #op #b))
            }
        }
    }

    fn builtin(&mut self, builtin: Builtin, args: &[Expr], expr: &Expr) -> TokenStream {
        let p = self.private();
        let first_ty = args
            .first()
            .map(|arg| arg.ty.clone())
            .unwrap_or(Type::Error);
        match builtin {
            Builtin::Len => {
                let value = self.borrowed(&args[0]);
                match first_ty {
                    Type::Str => quote!(#p::len_str(#value)),
                    _ => quote!(#p::len((#value).len())),
                }
            }
            Builtin::Min | Builtin::Max => {
                let (a, b) = (self.owned(&args[0]), self.owned(&args[1]));
                let method = if builtin == Builtin::Min {
                    quote!(min)
                } else {
                    quote!(max)
                };
                match first_ty {
                    Type::Float => quote!(f64::#method(#a, #b)),
                    _ => quote!(::core::cmp::#method(#a, #b)),
                }
            }
            Builtin::Abs => {
                let value = self.owned(&args[0]);
                match first_ty {
                    Type::Int => self.at(quote!(#p::abs(#value)), expr.span),
                    _ => quote!(f64::abs(#value)),
                }
            }
            Builtin::Round => {
                let value = self.owned(&args[0]);
                quote!(#p::round(#value))
            }
            Builtin::ToInt => {
                let value = self.owned(&args[0]);
                self.at(quote!(#p::to_int(#value)), expr.span)
            }
            Builtin::ToFloat => {
                let value = self.owned(&args[0]);
                quote!(#p::to_float(#value))
            }
            Builtin::ToStr => {
                let value = self.owned(&args[0]);
                match first_ty {
                    Type::Float => quote!(#p::float_to_str(#value)),
                    Type::Str => value,
                    _ => quote!(#p::ToString::to_string(&#value)),
                }
            }
            Builtin::Contains => {
                let container = self.borrowed(&args[0]);
                match first_ty {
                    Type::Str => {
                        let part = self.borrowed(&args[1]);
                        quote!(#p::contains_str(#container, #part))
                    }
                    Type::Map(_) => {
                        let key = self.borrowed(&args[1]);
                        quote!(#p::contains_key(#container, #key))
                    }
                    _ => {
                        let value = self.owned(&args[1]);
                        quote!(#p::contains_list(#container, &#value))
                    }
                }
            }
            Builtin::Push => {
                let (list, value) = (self.borrowed(&args[0]), self.owned(&args[1]));
                quote!(#p::push(#list, #value))
            }
            Builtin::Keys => {
                let map = self.borrowed(&args[0]);
                quote!(#p::keys(#map))
            }
            Builtin::Get => {
                let container = self.borrowed(&args[0]);
                match first_ty {
                    Type::Map(_) => {
                        let key = self.borrowed(&args[1]);
                        quote!(#p::get_map(#container, #key))
                    }
                    _ => {
                        let index = self.owned(&args[1]);
                        quote!(#p::get_list(#container, #index))
                    }
                }
            }
            Builtin::Insert => {
                let map = self.borrowed(&args[0]);
                let key = self.borrowed(&args[1]);
                let value = self.owned(&args[2]);
                quote!(#p::insert(#map, #key, #value))
            }
            Builtin::Some => {
                let value = self.owned(&args[0]);
                quote!(::core::option::Option::Some(#value))
            }
            Builtin::EmptyMap => quote!(#p::BTreeMap::new()),
        }
    }

    fn match_expr(&mut self, value: &Expr, arms: &[(Pattern, Expr)]) -> TokenStream {
        let scrutinee = self.borrowed(value);
        let arms: Vec<TokenStream> = arms
            .iter()
            .map(|(pattern, arm)| {
                let pattern = match pattern {
                    Pattern::Wildcard => quote!(_),
                    Pattern::Int(n) => Literal::i64_suffixed(*n).into_token_stream(),
                    Pattern::Str(text) => quote!(#text),
                    Pattern::Bool(b) => quote!(#b),
                    Pattern::None => quote!(::core::option::Option::None),
                    Pattern::Some(local) => {
                        let name = self.local(*local);
                        // `&Option<T>` matched by `Some(x)` binds `&T`; a `Copy` value is
                        // read through it.
                        self.borrowed[*local] = true;
                        quote!(::core::option::Option::Some(#name))
                    }
                };
                let arm = self.owned(arm);
                quote!(#pattern => #arm,)
            })
            .collect();
        quote!(match #scrutinee { #( #arms )* })
    }
}
